import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { ADMIN_SCOPE, AUDIENCES, DEFAULT_CLIENTS } from "@jeeves/tokendealer";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Workspace packages that make no calls of their own (kits, generated code). */
const KITS = new Set([
  "@jeeves/generated",
  "@jeeves/service-kit",
  "@jeeves/client-kit",
  "@jeeves/codecs",
  "@jeeves/bus",
]);

/**
 * Scopes a call needs beyond its operation's `security`, as the spec describes them (field-level
 * rules): a source file that matches `pattern` and calls the audience needs `scope` too.
 */
const FIELD_SCOPES = [
  // getWorkspace: `include_secrets=true` adds the bot token (scope workspaces:secrets).
  { audience: "dataservice", pattern: /include_secrets:\s*true/, scope: "workspaces:secrets" },
  // createUser `is_admin: true`, updateUser `is_admin`: users:admin (email and password changes too).
  { audience: "dataservice", pattern: /\bis_admin\s*:/, scope: "users:admin" },
];

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The source folders of a service and of the workspace packages it depends on that make calls. */
function sourceRoots(service: string): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, "services", service, "package.json"), "utf8"));
  const roots = [join(ROOT, "services", service, "src")];
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (!name.startsWith("@jeeves/") || KITS.has(name)) continue;
    const short = name.slice("@jeeves/".length);
    roots.push(join(ROOT, "packages", short, "src"));
  }
  return roots;
}

async function operationScopes(audience: string, method: string, path: string): Promise<string[]> {
  const { spec } = (await import(`@jeeves/generated/specs/${audience}`)) as {
    spec: { security?: Record<string, string[]>[]; paths: Record<string, Record<string, { security?: unknown }>> };
  };
  const operation = spec.paths[path]?.[method.toLowerCase()] as { security?: Record<string, string[]>[] } | undefined;
  assert.ok(operation, `${audience} has no ${method} ${path}`);
  const requirements = operation.security ?? spec.security ?? [];
  return requirements.flatMap((requirement) => Object.values(requirement).flat());
}

/**
 * The scopes a service's code needs, by audience: for every call through a generated client
 * (`client.GET("/path", …)`) in a file that imports a suite service's client factory
 * (`@jeeves/client-kit/clients/<service>`) or spec, the operation's scopes, plus
 * the field-level scopes of FIELD_SCOPES. Derived from the code, not from what the service asks for.
 */
async function neededScopes(service: string): Promise<Record<string, string[]>> {
  const needed: Record<string, Set<string>> = {};
  for (const file of sourceRoots(service).flatMap(sourceFiles)) {
    const text = readFileSync(file, "utf8");
    const audience = /@jeeves\/(?:client-kit\/clients|generated\/specs)\/([a-z-]+)/.exec(text)?.[1];
    if (!audience || !(AUDIENCES as readonly string[]).includes(audience)) continue;
    needed[audience] ??= new Set();
    const scopes = needed[audience];
    for (const [, method, path] of text.matchAll(/\.(GET|POST|PUT|PATCH|DELETE)\(\s*"(\/[^"]*)"/g)) {
      for (const scope of await operationScopes(audience, method, path)) scopes.add(scope);
    }
    for (const rule of FIELD_SCOPES) if (rule.audience === audience && rule.pattern.test(text)) scopes.add(rule.scope);
  }
  return Object.fromEntries(
    Object.entries(needed)
      .filter(([, scopes]) => scopes.size > 0)
      .map(([audience, scopes]) => [audience, sorted(scopes)]),
  );
}

/** A service's scopes by audience, each list sorted. */
const sortedByAudience = (scopes: Readonly<Record<string, readonly string[]>>) =>
  Object.fromEntries(Object.entries(scopes).map(([audience, list]) => [audience, sorted(list)]));

describe("least privilege of the default clients", () => {
  // Every service of the manifest: one that calls nobody must declare no client, and vice versa.
  for (const manifest of SERVICE_MANIFESTS) {
    const service = manifest.name;
    const declared = manifest.client?.scopes ?? {};
    // A service that acts for a person (the dashboard) calls with the person's token too: its scopes count.
    const personScopes =
      (manifest.client as { personScopes?: Readonly<Record<string, readonly string[]>> } | undefined)?.personScopes ??
      {};
    const calls: Record<string, string[]> = {};
    for (const scopes of [declared, personScopes]) {
      for (const [audience, list] of Object.entries(scopes)) calls[audience] = [...(calls[audience] ?? []), ...list];
    }

    test(`${service}'s manifest asks for exactly the scopes the operations it calls need (its own and a person's tokens)`, async () => {
      assert.deepEqual(sortedByAudience(calls), await neededScopes(service));
    });

    if (!manifest.client) continue;
    const clientId = manifest.client.id;

    test(`${service} asks tokens for what its manifest declares (its exported TOKEN_SCOPES)`, async () => {
      const { TOKEN_SCOPES } = (await import(`@jeeves/${service}`)) as {
        TOKEN_SCOPES?: Readonly<Record<string, readonly string[]>>;
      };
      assert.ok(TOKEN_SCOPES, `@jeeves/${service} exports no TOKEN_SCOPES`);
      assert.deepEqual(sortedByAudience(TOKEN_SCOPES), sortedByAudience(declared));
    });

    test(`the TokenDealer's default client ${clientId} holds exactly what ${service} asks for`, () => {
      const client = DEFAULT_CLIENTS.find((candidate) => candidate.id === clientId);
      assert.ok(client, `no default client ${clientId}`);
      assert.deepEqual(sorted(client.scopes), sorted(Object.values(declared).flat()));
      assert.deepEqual(sorted(client.audiences), sorted(Object.keys(declared)));
    });
  }

  test("every default client is a service's or the administrator's, and only the administrator holds users:admin", () => {
    assert.deepEqual(
      sorted(DEFAULT_CLIENTS.map((client) => client.id)),
      sorted([...SERVICE_MANIFESTS.flatMap((service) => (service.client ? [service.client.id] : [])), "jeeves-admin"]),
    );
    const holders = DEFAULT_CLIENTS.filter((client) => client.scopes.includes(ADMIN_SCOPE)).map((client) => client.id);
    assert.deepEqual(holders, ["jeeves-admin"]);
  });
});
