import { parseArgs } from "node:util";
import { ConfigError, ServiceError } from "@jeeves/service-kit";
import { openClientRegistry } from "../adapters/client-registry.ts";
import { dataFiles } from "../adapters/data-files.ts";
import { openKeyStore } from "../adapters/key-store.ts";
import { loadConfig } from "../config.ts";
import { ERR } from "../errors.ts";
import { addClientCommand, listClientsCommand } from "./client-commands.ts";
import { listKeysCommand, retireKeyCommand, rotateKeyCommand } from "./key-commands.ts";
import { consoleLog, type Output } from "./output.ts";
import { USAGE } from "./usage.ts";

const OPTIONS = {
  id: { type: "string" },
  scopes: { type: "string" },
  audiences: { type: "string" },
  "person-scopes": { type: "string", multiple: true },
  alg: { type: "string" },
  "allow-unknown": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

async function run(args: string[], env: Record<string, string | undefined>, output: Output): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || command === "help") {
    output.out(USAGE);
    return;
  }
  const config = loadConfig(env);
  const files = dataFiles({
    dataDir: config.DATA_DIR,
    keysFile: config.TOKENDEALER_KEYS_FILE,
    clientsFile: config.TOKENDEALER_CLIENTS_FILE,
  });
  const log = consoleLog(output);
  const registry = async () =>
    (await openClientRegistry({ file: files.clientsFile, secretsDir: files.secretsDir, log })).registry;
  const keys = async () => (await openKeyStore({ file: files.keysFile, alg: config.TOKENDEALER_ALG, log })).store;
  const expect = (count: number) => {
    if (rest.length > count)
      throw ERR.USAGE({ detail: `${command} takes ${count || "no"} argument(s); got ${rest.join(" ")}` });
  };
  switch (command) {
    case "add-client":
      expect(0);
      return addClientCommand(
        await registry(),
        {
          id: values.id,
          scopes: values.scopes,
          audiences: values.audiences,
          personScopes: values["person-scopes"],
          allowUnknown: values["allow-unknown"],
        },
        output,
      );
    case "list-clients":
      expect(0);
      return listClientsCommand(await registry(), output);
    case "rotate-key":
      expect(0);
      return rotateKeyCommand(await keys(), values.alg, output);
    case "retire-key":
      expect(1);
      return retireKeyCommand(await keys(), rest[0], output);
    case "list-keys":
      expect(0);
      return listKeysCommand(await keys(), output);
    case undefined:
      throw ERR.USAGE({ detail: "a command is required" });
    default:
      throw ERR.USAGE({ detail: `unknown command ${command}` });
  }
}

/**
 * Runs one CLI command (`args` without node and the script) against the files the environment names, and
 * answers the exit code: 0 on success, 1 on bad input or a failure, each reported on one line.
 */
export async function runCli(args: string[], env: Record<string, string | undefined>, output: Output): Promise<number> {
  try {
    await run(args, env, output);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code === ERR.USAGE.code || code.startsWith("ERR_PARSE_ARGS")) {
      output.err(`tokendealer: ${(error as ServiceError).detail ?? (error as Error).message}`);
      output.err("tokendealer: run with --help for the commands");
    } else if (error instanceof ConfigError) {
      output.err(`tokendealer: ${error.message}`);
    } else if (error instanceof ServiceError) {
      output.err(`tokendealer: ${error.detail ?? error.title} (${error.code})`);
    } else {
      output.err(`tokendealer: failed: ${(error as Error).message}`);
    }
    return 1;
  }
}
