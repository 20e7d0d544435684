import { fileURLToPath } from "node:url";
import { deployDrift, expectedDeployFiles, writeDeployFiles } from "./files.ts";

// `npm run generate` (this workspace's `generate`): writes deploy/compose.yaml, deploy/env.example and
// deploy/k8s/ from the service manifest. `--check` (`generate:check`) only says what is out of date.

const root = fileURLToPath(new URL("../../", import.meta.url));
const deploy = fileURLToPath(new URL("../", import.meta.url));
const expected = await expectedDeployFiles(root);
if (process.argv.includes("--check")) {
  const problems = await deployDrift(deploy, expected);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  if (problems.length > 0) process.stderr.write("run `npm run generate` and commit the deploy files\n");
  process.exitCode = problems.length > 0 ? 1 : 0;
} else {
  const written = await writeDeployFiles(deploy, expected);
  process.stdout.write(
    written.length > 0 ? `wrote deploy/${written.join(", deploy/")}\n` : "deploy files up to date\n",
  );
}
