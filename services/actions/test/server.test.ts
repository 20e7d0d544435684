import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertBusUrlStartupFailure } from "@jeeves/testing";

test("a BUS_URL where no broker listens: a line per attempt, then one line naming BUS_URL (no password), exit 1", () =>
  assertBusUrlStartupFailure("actions", fileURLToPath(new URL("../", import.meta.url))));
