import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_GLIBC_TUNABLES, SERVICE_MANIFESTS, SERVICE_NODE_OPTIONS } from "@jeeves/manifest";
import { deployText, deployYaml } from "./deploy-files.ts";

/** The instructions of a Dockerfile, continuation lines joined, comments dropped, by stage (split at FROM). */
function stages(text: string): string[][] {
  const instructions = text
    .replaceAll("\\\n", " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const result: string[][] = [[]];
  for (const instruction of instructions) {
    if (/^FROM /i.test(instruction)) result.push([]);
    result[result.length - 1].push(instruction);
  }
  return result;
}

const dockerfile = deployText("Dockerfile");
const [global, ...built] = stages(dockerfile);
const runtime = built[built.length - 1];
const has = (stage: string[], pattern: RegExp) => stage.some((instruction) => pattern.test(instruction));

describe("deploy/Dockerfile", () => {
  it("builds in stages on node:20-bookworm-slim: npm ci and npm run build, then the service's production dependencies", () => {
    assert.ok(has(global, /^ARG NODE_IMAGE=node:20-bookworm-slim$/), "the base image is node:20-bookworm-slim");
    assert.ok(built.length >= 3, "a build stage, a dependencies stage, the image");
    assert.ok(has(built[0], /npm ci && npm run build/));
    assert.ok(has(built[0], /apt-get install .*python3 make g\+\+/), "build tools for native modules");
    assert.ok(has(built[1], /^ARG SERVICE$/));
    assert.ok(has(built[1], /cd \/app\/dist && npm ci --omit=dev/), "production dependencies only, as locked");
  });

  it("ends in an image with no build tools, running node as the node user behind tini", () => {
    assert.match(runtime[0], /^FROM \$\{NODE_IMAGE\} AS runtime$/);
    assert.ok(!has(runtime, /apt-get|npm (ci|install)/), "nothing installed in the image itself");
    assert.ok(has(runtime, /^USER node$/));
    assert.ok(has(runtime, /^EXPOSE \$\{PORT\}$/));
    assert.ok(has(runtime, /^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/));
    assert.equal(runtime[runtime.length - 1], 'CMD ["node", "dist/server.js"]');
    assert.ok(
      runtime.includes(`ENV NODE_OPTIONS="${SERVICE_NODE_OPTIONS}" GLIBC_TUNABLES="${SERVICE_GLIBC_TUNABLES}"`),
      "a service process's settings, as the cluster and the bench start one",
    );
    const user = runtime.indexOf("USER node");
    assert.ok(user > runtime.findIndex((instruction) => instruction.startsWith("COPY --from=service")));
  });

  it("checks health with node's fetch on /health (the slim image has no curl)", () => {
    const check = runtime.find((instruction) => instruction.startsWith("HEALTHCHECK"));
    assert.ok(check, "no HEALTHCHECK");
    assert.match(check, /CMD \["node", "-e", "fetch\(`http:\/\/127\.0\.0\.1:\$\{process\.env\.PORT\}\/health`\)/);
    for (const service of SERVICE_MANIFESTS) assert.equal(service.probes.liveness, "/health");
  });

  it("takes the build arguments compose.yaml passes, and ignores node_modules, .git and .env", () => {
    const [compose] = deployYaml("compose.yaml") as [{ services: Record<string, { build?: { args: object } }> }];
    const declared = new Set(
      built.flat().flatMap((instruction) => (/^ARG (\w+)$/.exec(instruction) ? [instruction.slice(4)] : [])),
    );
    for (const service of SERVICE_MANIFESTS) {
      for (const arg of Object.keys(compose.services[service.name].build?.args ?? {}))
        assert.ok(declared.has(arg), arg);
    }
    const ignored = deployText("Dockerfile.dockerignore").split("\n");
    for (const entry of ["**/node_modules", ".git", "**/.env", "**/dist", "data"])
      assert.ok(ignored.includes(entry), entry);
  });
});
