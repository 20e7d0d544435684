import ts from "typescript";
import { AnchorError } from "./edits/anchor-error.ts";
import { addTableRow, appendLine } from "./edits/text-edits.ts";
import { addImport, appendElement, asArray, callArgument, parseTs, variableValue } from "./edits/ts-edits.ts";
import type { ServiceNames } from "./names.ts";

/** Everything the edits need to know about the new service and the suite it joins. */
export interface ServicePlan {
  names: ServiceNames;
  /** Its default port (the next free one of the suite). */
  port: number;
  /** One line on what it does, for its manifest and the tables. */
  description: string;
  /** The services of the manifest before it, in start order. */
  services: string[];
}

/** One file the new service joins: the list of services, or a table of the docs; what is added, and how. */
export interface RegistryEdit {
  /** The file, relative to the repository root. */
  file: string;
  /** What the edit adds, in words (printed by the generator). */
  what: (plan: ServicePlan) => string;
  /** The file's new text; throws AnchorError when the file does not look as expected. */
  apply: (text: string, plan: ServicePlan) => string;
}

/** THE list of services (`SERVICE_MANIFESTS`, in start order): the one file outside its own a service joins. */
export const SERVICES_FILE = "packages/manifest/src/services.ts";

/** Where the suite's layout is: the ports of its own that a service must not take (the mock's 3010). */
export const LAYOUT_FILE = "services/suite/src/layout.ts";

/** A service's manifest, relative to the repository root. */
export function manifestFile(name: string): string {
  return `services/${name}/service.json`;
}

/** The module specifier services.ts imports a service's manifest with. */
function manifestImport(name: string): string {
  return `../../../${manifestFile(name)}`;
}

const MANIFEST_IMPORT = /^\.\.\/\.\.\/\.\.\/services\/([^/]+)\/service\.json$/;

/** The suite's variable for a service's port (`WEATHER_PORT`, `ROAD_WORKS_PORT`), as its manifest names it. */
export function portVariable(name: string): string {
  return `${name.toUpperCase().replaceAll("-", "_")}_PORT`;
}

/** The scope of the template's operation. */
export function scopeOf(names: ServiceNames): string {
  return `${names.name}:read`;
}

/** The services of services.ts, in the order of `SERVICE_MANIFESTS` (each element a manifest it imports). */
export function listedServices(text: string): string[] {
  const file = parseTs(SERVICES_FILE, text);
  const imported = new Map<string, string>();
  for (const statement of file.source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause?.name) continue;
    const match = MANIFEST_IMPORT.exec((statement.moduleSpecifier as ts.StringLiteral).text);
    if (match) imported.set(statement.importClause.name.text, match[1]);
  }
  const list = asArray(file, variableValue(file, "SERVICE_MANIFESTS"), "SERVICE_MANIFESTS");
  return list.elements.map((element) => {
    const service = ts.isIdentifier(element) ? imported.get(element.text) : undefined;
    if (!service) {
      throw new AnchorError(
        SERVICES_FILE,
        `SERVICE_MANIFESTS holds ${element.getText(file.source)}, no imported service.json`,
      );
    }
    return service;
  });
}

/** The ports the suite's layout takes for itself (numbers in `readLayout`'s `readConfig({ … })`: the mock's). */
export function layoutPorts(text: string): number[] {
  const file = parseTs(LAYOUT_FILE, text);
  const found: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNumericLiteral(node)) found.push(Number(node.text));
    ts.forEachChild(node, visit);
  };
  visit(callArgument(file, "readConfig", { within: "readLayout" }));
  return found;
}

/** The port after the services' highest default port that no other service or the layout takes. */
export function nextPort(servicePorts: number[], otherPorts: number[] = []): number {
  if (servicePorts.length === 0) throw new AnchorError(SERVICES_FILE, "lists no service");
  const taken = new Set([...servicePorts, ...otherPorts]);
  let port = Math.max(...servicePorts) + 1;
  while (taken.has(port)) port += 1;
  return port;
}

/**
 * The new service's manifest (`services/<name>/service.json`, schema packages/manifest/service.schema.json):
 * its port, audience and the scope of the template's operation; no client (it calls nobody); it needs
 * the TokenDealer (its tokens' keys) and nothing else, keeps no state of its own, so runs replicated.
 */
export function serviceManifestText({ names, port, description }: ServicePlan): string {
  const manifest = {
    $schema: "../../packages/manifest/service.schema.json",
    name: names.name,
    description,
    port: { variable: portVariable(names.name), default: port },
    audience: names.name,
    scopes: [scopeOf(names)],
    entry: { source: "src/server.ts", built: "dist/server.js" },
    client: null,
    dependsOn: ["tokendealer"],
    infrastructure: {},
    variables: { required: ["TOKENDEALER_URL"], secrets: [] },
    scaling: "replicated",
    probes: { liveness: "/health", readiness: "/ready" },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The files a new service joins besides its own (docs/adding-a-service.md), each an anchored edit: it
 * finds a declaration, table or file end and adds to it, and fails naming the file and what it looked
 * for when that is missing or already names the service. The first is the one that makes it part of the
 * suite (its manifest in the list of services: the suite, the TokenDealer and the contract tests read
 * that list); the others are the changelog and the docs' tables.
 */
export const REGISTRY_EDITS: RegistryEdit[] = [
  {
    file: SERVICES_FILE,
    what: ({ names }) => `${names.name} last in SERVICE_MANIFESTS (the suite starts it last)`,
    apply(text, { names }) {
      const identifier = names.camel;
      const listed = parseTs(this.file, text);
      const taken = listed.source.statements.some(
        (statement) => ts.isImportDeclaration(statement) && statement.importClause?.name?.text === identifier,
      );
      if (taken) throw new AnchorError(this.file, `already imports ${identifier}: pick another service name`);
      const withImport = addImport(
        listed,
        manifestImport(names.name),
        `import ${identifier} from "${manifestImport(names.name)}" with { type: "json" };`,
        (specifier) => MANIFEST_IMPORT.test(specifier),
      );
      const file = parseTs(this.file, withImport);
      return appendElement(
        file,
        asArray(file, variableValue(file, "SERVICE_MANIFESTS"), "SERVICE_MANIFESTS"),
        identifier,
        "SERVICE_MANIFESTS",
      );
    },
  },
  {
    file: "CHANGELOG.md",
    what: ({ names }) => `- ${names.name} 1.0.0: first version.`,
    apply: (text, { names }) => appendLine("CHANGELOG.md", text, `- ${names.name} 1.0.0: first version.`),
  },
  {
    file: "docs/architecture.md",
    what: ({ names }) => `a row for ${names.name} in the services table, ${scopeOf(names)} in the scopes table`,
    apply(text, { names, port, description, services }) {
      const withService = addTableRow(
        this.file,
        text,
        "| service | port |",
        `| ${names.name} | ${port} | ${description} | tokendealer (JWKS) |`,
        (cells) => services.includes(cells[0]),
      );
      return addTableRow(
        this.file,
        withService,
        "| scope | allows |",
        `| \`${scopeOf(names)}\` | call the ${names.name} service |`,
      );
    },
  },
  {
    file: "README.md",
    what: ({ names }) => `a row for ${names.name} in the table of what runs after \`npm start\``,
    apply: (text, { names, port, description, services }) =>
      addTableRow(
        "README.md",
        text,
        "| service | URL | docs |",
        `| ${names.name} | http://127.0.0.1:${port} (${description}) | http://127.0.0.1:${port}/docs |`,
        (cells) => services.includes(cells[0]),
      ),
  },
  {
    file: "contract-tests/README.md",
    what: ({ names }) => `a row for ${names.name} in the providers table`,
    apply: (text, { names }) =>
      addTableRow(
        "contract-tests/README.md",
        text,
        "| provider | started as |",
        `| \`${names.name}\` | \`buildTest${names.pascal}\` on a real TokenDealer | none |`,
      ),
  },
];
