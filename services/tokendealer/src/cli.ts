import { runCli } from "./cli/run-cli.ts";

// The TokenDealer's admin CLI: `npm run cli -w @jeeves/tokendealer -- <command>` (see cli/usage.ts).
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
