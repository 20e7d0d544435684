import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LOCAL_TEAM_ID } from "@jeeves/chat-domain";
import { localIdentity } from "../../src/domain/local-identity.ts";

describe("localIdentity", () => {
  it("maps a name to a Slack-shaped id the dataservice takes, the same every time", () => {
    const bertie = localIdentity("bertie");
    assert.equal(bertie.slack_team_id, LOCAL_TEAM_ID);
    assert.match(bertie.slack_team_id, /^[TE][A-Z0-9]{2,30}$/);
    assert.match(bertie.slack_user_id, /^[UW][A-Z0-9]{2,30}$/);
    assert.deepEqual(localIdentity("bertie"), bertie);
    assert.equal(bertie.display_name, "bertie");
  });

  it("gives different names different ids, unicode and long names included", () => {
    const ids = new Set(
      ["bertie", "Bertie", "gussie", "Zoë", "x".repeat(500)].map((n) => localIdentity(n).slack_user_id),
    );
    assert.equal(ids.size, 5);
    assert.equal(
      localIdentity("x".repeat(500)).display_name.length,
      200,
      "display name cut to the dataservice's limit",
    );
  });
});
