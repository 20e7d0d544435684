/**
 * `tsx src/mock/cli.ts <name-or-path> [--port N] [--no-validate]`: mocks a spec with Prism in every
 * encoding it offers, prints where and what it speaks, and stops on SIGINT / SIGTERM.
 */
import { parseArgs } from "node:util";
import { resolveSpec } from "./resolve-spec.ts";
import { startMock } from "./start-mock.ts";

const USAGE = "usage: npm run mock -- <name-or-path> [--port N] [--no-validate]";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: "string" }, "no-validate": { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    console.error(`--port ${values.port} is not a port number\n${USAGE}`);
    process.exit(2);
  }
  const target = resolveSpec(positionals[0]);
  console.log(`starting Prism on ${target.name}…`);
  const mock = await startMock({ spec: target.file, port, validateRequests: !values["no-validate"] });
  console.log(`mock of ${target.name} listening on ${mock.url}`);
  console.log(`speaks: ${mock.mediaTypes.join(", ")} (gzip both ways)`);
  console.log(`Prism (JSON only) at ${mock.prismUrl}, pid ${mock.prismPid}`);
  console.log(
    `requests are ${values["no-validate"] ? "not validated" : "validated against the spec"}; ` +
      "choose an answer with `Prefer: code=404` or `Prefer: example=<name>`; Ctrl-C stops it",
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the mock`);
    mock.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
