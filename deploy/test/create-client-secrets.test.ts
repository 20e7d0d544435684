import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { DEPLOY } from "./deploy-files.ts";

const exec = promisify(execFile);
const SCRIPT = join(DEPLOY, "k8s/create-client-secrets.sh");

/**
 * A stand-in for kubectl: logs its arguments; `exec` prints a client's secret file (with its newline),
 * `create secret` prints each `--from-file` key with the file's exact content, `apply` logs its input.
 */
const FAKE_KUBECTL = `#!/bin/sh
echo "kubectl $*" >>"$KUBECTL_LOG"
case "$*" in
  *" exec "*) for last; do :; done; printf 'secret-of-%s\\n' "$(basename "$last" .secret)" ;;
  *"create secret"*)
    for arg; do
      case "$arg" in --from-file=*) spec="\${arg#--from-file=}"; printf '%s=[%s]\\n' "\${spec%%=*}" "$(cat "\${spec#*=}")" ;; esac
    done ;;
  *"apply -f -"*) cat >>"$KUBECTL_LOG" ;;
esac
`;

describe("k8s/create-client-secrets.sh", () => {
  it("is an executable POSIX shell script", async () => {
    assert.ok(((await stat(SCRIPT)).mode & 0o111) !== 0, "not executable");
    await exec("sh", ["-n", SCRIPT]);
  });

  it("reads each client's secret in the TokenDealer's pod and applies the Secret, newlines stripped, printing none", async () => {
    const folder = await mkdtemp(join(tmpdir(), "jeeves-kubectl-"));
    try {
      await writeFile(join(folder, "kubectl"), FAKE_KUBECTL);
      await chmod(join(folder, "kubectl"), 0o755);
      const log = join(folder, "log");
      const { stdout } = await exec("sh", [SCRIPT], {
        env: { ...process.env, PATH: `${folder}:${process.env.PATH}`, KUBECTL_LOG: log, JEEVES_NAMESPACE: "test" },
      });
      assert.doesNotMatch(stdout, /secret-of-/);
      const text = await readFile(log, "utf8");
      assert.match(
        text,
        /kubectl --namespace test exec deploy\/tokendealer -- head -n 1 \/var\/lib\/jeeves\/tokendealer\/secrets\/actions\.secret/,
      );
      assert.match(text, /kubectl --namespace test create secret generic jeeves-client-secrets /);
      for (const client of ["actions", "scheduler", "slackbot"]) {
        assert.match(text, new RegExp(`^${client.toUpperCase()}_CLIENT_SECRET=\\[secret-of-${client}\\]$`, "m"));
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
