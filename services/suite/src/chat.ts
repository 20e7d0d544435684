import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { ConfigError, readConfig, text, url } from "@jeeves/service-kit";
import { createChatSession } from "./chat-session.ts";
import { readLayout } from "./layout.ts";

/**
 * `npm run chat`: a terminal conversation with the Jeeves that `npm start` runs. Each line goes to the
 * slackbot's `POST /chat`, over the bus to the actions service, and the reply is printed. Works with
 * piped input too (one line after the other, then it exits).
 */
async function main(): Promise<void> {
  const layout = readLayout();
  const config = readConfig({
    SLACKBOT_URL: { default: layout.urls.slackbot, parse: url("http", "https") },
    TOKENDEALER_URL: { default: layout.urls.tokendealer, parse: url("http", "https") },
    JEEVES_CHAT_CLIENT_ID: { default: "jeeves-admin", parse: text },
    JEEVES_CHAT_CLIENT_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
    JEEVES_CHAT_USER: { default: userInfo().username || "me", parse: text },
  });
  const secretFile = join(layout.dataRoot, "tokendealer", "secrets", `${config.JEEVES_CHAT_CLIENT_ID}.secret`);
  const secret =
    config.JEEVES_CHAT_CLIENT_SECRET ??
    (await readFile(secretFile, "utf8").then(
      (s) => s.trim(),
      () => undefined,
    ));
  if (!secret) {
    process.stderr.write(
      `chat: no secret for the client ${config.JEEVES_CHAT_CLIENT_ID}: set JEEVES_CHAT_CLIENT_SECRET, or run \`npm start\` once so that ${secretFile} exists.\n`,
    );
    process.exit(1);
  }
  const session = createChatSession({
    slackbotUrl: config.SLACKBOT_URL,
    tokendealerUrl: config.TOKENDEALER_URL,
    clientId: config.JEEVES_CHAT_CLIENT_ID,
    clientSecret: secret,
    user: config.JEEVES_CHAT_USER,
    conversation: `terminal-${config.JEEVES_CHAT_USER}`,
  });
  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Jeeves, at ${config.SLACKBOT_URL}. You are ${config.JEEVES_CHAT_USER}. Try "help"; /quit or Ctrl-D to leave.`);
  const prompt = () => {
    if (interactive) lines.prompt();
  };
  lines.setPrompt("you> ");
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text) {
      if (!interactive) say(`you> ${text}`);
      const reply = await session.send(text);
      say(`jeeves> ${reply.replaceAll("\n", "\n        ")}`);
    }
    prompt();
  }
  lines.close();
}

main().catch((error) => {
  if (error instanceof ConfigError) process.stderr.write(`chat: ${error.message}\n`);
  else process.stderr.write(`chat: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
