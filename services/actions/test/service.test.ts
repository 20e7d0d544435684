import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus, publishChatMessage, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { ConfigError } from "@jeeves/service-kit";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import { loadConfig } from "../src/config.ts";
import { prepareActions } from "../src/service.ts";
import { chatMessage } from "../testing/index.ts";
import { waitFor } from "./helper.ts";

describe("prepareActions", () => {
  it("builds the service from its configuration: its client's tokens reach the dataservice", async (t) => {
    const dealer = await startTestTokenDealer({ unref: true });
    const client = await dealer.addClient("actions-service-test", ["users:read", "users:write"], ["dataservice"]);
    const dataservice = await buildTestDataservice(dealer);
    t.after(() => dataservice.close());
    const config = loadConfig({
      TOKENDEALER_URL: dealer.url,
      DATASERVICE_URL: await dataservice.app.listen({ port: 0, host: "127.0.0.1" }),
      ACTIONS_CLIENT_ID: client.id,
      ACTIONS_CLIENT_SECRET: client.secret,
    });
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const replies: Reply[] = [];
    await subscribeReplies(bus, "test", async (reply) => {
      replies.push(reply);
    });
    const app = await prepareActions(config, { bus, logger: false });
    t.after(() => app.close());
    await app.ready();
    await publishChatMessage(bus, chatMessage("location set Blandings"));
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].text, "Your location is now Blandings.");
  });

  it("refuses to build without a client secret", async () => {
    const bus = new MemoryBus({ logger: silentLogger });
    const config = loadConfig({ ACTIONS_CLIENT_SECRET_FILE: "/nonexistent/actions.secret" });
    await assert.rejects(prepareActions(config, { bus, logger: false }), ConfigError);
    await bus.close();
  });
});
