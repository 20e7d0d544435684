import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TokenProvider } from "@jeeves/client-kit";
import { SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import { createDataserviceWorkspaces, UnknownWorkspaceError } from "@jeeves/slackbot";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";

const index = new SpecIndex(spec);

/** A bearer token the mock accepts: Prism checks that the credentials the spec requires are there, not what they say. */
const DUMMY_TOKEN: TokenProvider = { token: async () => "dummy-token-for-the-mock", invalidate() {} };

/** The workspace of the spec's examples. */
const TEAM_ID = "T0123ABCD";

/** One request the adapter sent, and how the mock took it. */
interface Exchange {
  route: string;
  status: number;
  /** The messages of Prism's `sl-violations` header: why it refused the request. */
  violations: string[];
}

let mock: RunningMock;
before(async () => {
  mock = await startMock({ spec: "specs/openapi/dataservice.yaml", validateRequests: true });
});
after(() => mock?.close());

/** The slackbot's own workspace adapter, pointed at the dataservice mock, recording every exchange. */
function workspacesOf() {
  const exchanges: Exchange[] = [];
  const workspaces = createDataserviceWorkspaces({
    baseUrl: mock.url,
    auth: DUMMY_TOKEN,
    fetch: async (request) => {
      const response = await fetch(request);
      const url = new URL(request.url);
      exchanges.push({
        route: `${request.method} ${url.pathname}${url.search}`,
        status: response.status,
        violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
          (v) => v.message,
        ),
      });
      return response;
    },
  });
  return { workspaces, exchanges };
}

describe("the slackbot's workspaces (createDataserviceWorkspaces), against the dataservice mock", () => {
  test("fetching a bot token asks for the workspace with its secrets in a request the spec takes", async () => {
    const { workspaces, exchanges } = workspacesOf();
    // The spec's only Workspace example has no bot_token (it is the answer without include_secrets), so
    // the adapter refuses to go on without one instead of posting with none.
    await assert.rejects(workspaces.botToken(TEAM_ID), /gave no bot token/);
    assert.deepEqual(exchanges, [
      { route: `GET /workspaces/${TEAM_ID}?include_secrets=true`, status: 200, violations: [] },
    ]);
    const example = index.response(index.operation("getWorkspace"), 200)?.schema?.example as Record<string, unknown>;
    assert.equal(example.bot_token, undefined, "when the spec's example gains a bot_token, assert the token here");
  });

  test("forgetting an uninstalled workspace deletes it in a request the spec takes", async () => {
    const { workspaces, exchanges } = workspacesOf();
    assert.equal(await workspaces.remove(TEAM_ID), true, "204: it was there");
    assert.deepEqual(exchanges, [{ route: `DELETE /workspaces/${TEAM_ID}`, status: 204, violations: [] }]);
  });

  test("negative control: a team id breaking the spec's pattern is refused by the mock (an unknown workspace)", async () => {
    const { workspaces, exchanges } = workspacesOf();
    await assert.rejects(workspaces.botToken("drones-club"), UnknownWorkspaceError);
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0].status, 400);
    assert.ok(
      exchanges[0].violations.some((message) => message.includes("must match pattern")),
      exchanges[0].violations.join("; "),
    );
  });
});
