import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDrift } from "@jeeves/codegen";
import { tempCopy } from "../temp-root.ts";

const EDITED = "openapi/dataservice.ts";

describe("mutation: the drift check (generate:check) refuses a hand edit in generated/", () => {
  it(`a field of User made optional by hand in generated/${EDITED} fails, naming the file`, async (t) => {
    const copy = await tempCopy(t);
    // The first `display_name: string;` is the one of `User` (the first schema declaring it).
    await copy.replace(
      `generated/${EDITED}`,
      "            display_name: string;",
      "            display_name?: string;",
    );
    const problems = await checkDrift(copy.path("specs"), copy.path("generated"));
    // Exactly the edited file: the rest of the copy matches its specs (the control).
    assert.deepEqual(problems, [`changed: ${EDITED}`]);
  });
});
