import type { BenchContext, Mode } from "../figure.ts";
import { startDevTopology } from "./dev-topology.ts";
import { createSlackFigures } from "./slack-figures.ts";

/**
 * Runs the Slack figures on the stand-in topology (dev-topology.ts), for trying them before the harness
 * exists: `tsx src/slack/dev-run.ts [figure-id…] [--mode one-process|separate] [--rounds n] [--duration s]`.
 * Prints the results as JSON.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const modes = (option("mode")?.split(",") ?? ["one-process", "separate"]) as Mode[];
const context: BenchContext = {
  rounds: Number(option("rounds") ?? 3),
  duration: Number(option("duration") ?? 5),
  serverCpu: Number(option("server-cpu") ?? 0),
  loadCpu: Number(option("load-cpu") ?? 1),
  progress: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};
const wanted = new Set(args);
const results = [];
for (const spec of createSlackFigures(startDevTopology)) {
  if (wanted.size > 0 && !wanted.has(spec.id)) continue;
  for (const mode of modes) {
    if (spec.modes.includes(mode)) results.push(...(await spec.run(context, mode)));
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
