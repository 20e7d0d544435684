import ts from "typescript";
import { AnchorError } from "./edits/anchor-error.ts";
import { addDependency, addTableRow, appendLine, appendYamlKey } from "./edits/text-edits.ts";
import {
  addImport,
  addProperty,
  appendElement,
  asArray,
  asObject,
  callArgument,
  insertStatementBefore,
  parseTs,
  propertyName,
  stringElements,
  usesIdentifier,
  variableStatement,
  variableValue,
} from "./edits/ts-edits.ts";
import type { ServiceNames } from "./names.ts";

/** Everything the registry edits need to know about the new service and the suite it joins. */
export interface ServicePlan {
  names: ServiceNames;
  /** Its default port (the next free one of the suite). */
  port: number;
  /** One line on what it does, for the tables. */
  description: string;
  /** The suite's services before it (SERVICES of services/suite/src/layout.ts), in start order. */
  services: string[];
}

/** One registry the new service joins: a file, what is added to it, and how. */
export interface RegistryEdit {
  /** The file, relative to the repository root. */
  file: string;
  /** What the edit adds, in words (printed by the generator). */
  what: (plan: ServicePlan) => string;
  /** The file's new text; throws AnchorError when the file does not look as expected. */
  apply: (text: string, plan: ServicePlan) => string;
}

/** Where the suite's layout is: its SERVICES, DEFAULT_PORTS and port variables. */
export const LAYOUT_FILE = "services/suite/src/layout.ts";

/** An object key for a service name: bare (`weather`), or quoted when kebab-case (`"road-works"`). */
function key(name: string): string {
  return name.includes("-") ? JSON.stringify(name) : name;
}

/** `object.name`, or `object["road-works"]`. */
function member(object: string, name: string): string {
  return name.includes("-") ? `${object}[${JSON.stringify(name)}]` : `${object}.${name}`;
}

/** The suite's variable for a service's port (`WEATHER_PORT`, `ROAD_WORKS_PORT`), as layout.ts's portVariable. */
export function portVariable(name: string): string {
  return `${name.toUpperCase().replaceAll("-", "_")}_PORT`;
}

/** The scope of the template's operation. */
export function scopeOf(names: ServiceNames): string {
  return `${names.name}:read`;
}

/** The suite's services (SERVICES) and the ports taken (DEFAULT_PORTS and every other port default) in layout.ts. */
export function readLayout(text: string): { services: string[]; defaultPorts: number[]; takenPorts: number[] } {
  const file = parseTs(LAYOUT_FILE, text);
  const services = stringElements(asArray(file, variableValue(file, "SERVICES"), "SERVICES"));
  const ports = asObject(file, variableValue(file, "DEFAULT_PORTS"), "DEFAULT_PORTS");
  const numbers = (node: ts.Node): number[] => {
    const found: number[] = [];
    const visit = (child: ts.Node) => {
      if (ts.isNumericLiteral(child)) found.push(Number(child.text));
      ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  };
  const defaultPorts = numbers(ports);
  const variables = callArgument(file, "readConfig", { within: "readLayout" });
  return { services, defaultPorts, takenPorts: [...defaultPorts, ...numbers(variables)] };
}

/** The port after the suite's highest default port that no other default (say the mock's 3010) takes. */
export function nextPort(text: string): number {
  const { defaultPorts, takenPorts } = readLayout(text);
  if (defaultPorts.length === 0) throw new AnchorError(LAYOUT_FILE, "DEFAULT_PORTS lists no port");
  let port = Math.max(...defaultPorts) + 1;
  while (takenPorts.includes(port)) port += 1;
  return port;
}

/** Refuses identifiers the edit would declare when the file already has them. */
function refuseTaken(file: ReturnType<typeof parseTs>, identifiers: string[]): void {
  const taken = identifiers.filter((identifier) => usesIdentifier(file, identifier));
  if (taken.length > 0) throw new AnchorError(file.path, `already uses ${taken.join(", ")}: pick another service name`);
}

/**
 * The registries a new service joins (docs/adding-a-service.md, steps 3 to 6), each an anchored edit: it
 * finds a declaration, table or file end and adds to it, and fails naming the file and what it looked
 * for when that is missing or already names the service.
 */
export const REGISTRY_EDITS: RegistryEdit[] = [
  {
    file: "services/tokendealer/src/domain/suite-names.ts",
    what: ({ names }) => `scope ${scopeOf(names)} in SCOPES, audience ${names.name} in AUDIENCES`,
    apply(text, { names }) {
      const scoped = parseTs(this.file, text);
      const withScope = appendElement(
        scoped,
        asArray(scoped, variableValue(scoped, "SCOPES"), "SCOPES"),
        JSON.stringify(scopeOf(names)),
        "SCOPES",
      );
      const file = parseTs(this.file, withScope);
      return appendElement(
        file,
        asArray(file, variableValue(file, "AUDIENCES"), "AUDIENCES"),
        JSON.stringify(names.name),
        "AUDIENCES",
      );
    },
  },
  {
    file: "services/tokendealer/src/domain/docs-origins.ts",
    what: ({ port }) =>
      `${port} in SUITE_DOCS_PORTS (its docs page may ask for tokens when the TokenDealer runs alone)`,
    apply(text, { port }) {
      const file = parseTs(this.file, text);
      return appendElement(
        file,
        asArray(file, variableValue(file, "SUITE_DOCS_PORTS"), "SUITE_DOCS_PORTS"),
        String(port),
        "SUITE_DOCS_PORTS",
      );
    },
  },
  {
    file: LAYOUT_FILE,
    what: ({ names, port }) => `${names.name} in SERVICES and DEFAULT_PORTS (${port}), ${portVariable(names.name)}`,
    apply(text, { names, port, services }) {
      let file = parseTs(this.file, text);
      const variable = portVariable(names.name);
      let next = appendElement(
        file,
        asArray(file, variableValue(file, "SERVICES"), "SERVICES"),
        JSON.stringify(names.name),
        "SERVICES",
      );
      file = parseTs(this.file, next);
      next = addProperty(
        file,
        asObject(file, variableValue(file, "DEFAULT_PORTS"), "DEFAULT_PORTS"),
        names.name,
        `${key(names.name)}: ${port}`,
        "DEFAULT_PORTS",
      );
      file = parseTs(this.file, next);
      const last = services.at(-1);
      next = addProperty(
        file,
        asObject(file, callArgument(file, "readConfig", { within: "readLayout" }), "readLayout's readConfig({ … })"),
        variable,
        `${variable}: { default: ${member("DEFAULT_PORTS", names.name)}, parse: port }`,
        "readLayout's readConfig({ … })",
        last ? portVariable(last) : undefined,
      );
      file = parseTs(this.file, next);
      return addProperty(
        file,
        asObject(file, variableValue(file, "ports", { within: "readLayout" }), "readLayout's ports"),
        names.name,
        `${key(names.name)}: ${member("config", variable)}`,
        "readLayout's ports",
      );
    },
  },
  {
    file: "services/suite/src/launch.ts",
    what: ({ names }) => `starts ${names.name} last (prepare${names.pascal}), in apps`,
    apply(text, { names }) {
      const prepare = `prepare${names.pascal}`;
      const config = `${names.camel}Config`;
      let file = parseTs(this.file, text);
      refuseTaken(file, [prepare, config, names.camel]);
      let next = addImport(
        file,
        `@jeeves/${names.name}`,
        `import { loadConfig as ${config}, ${prepare} } from "@jeeves/${names.name}";`,
      );
      file = parseTs(this.file, next);
      next = insertStatementBefore(
        file,
        variableStatement(file, "apps", { within: "launchSuite" }),
        `const ${names.camel} = await listen("${names.name}", await ${prepare}(${config}(serviceEnv("${names.name}", layout, env)), { logger }));`,
      );
      file = parseTs(this.file, next);
      const property = key(names.name) === names.camel ? names.camel : `${key(names.name)}: ${names.camel}`;
      return addProperty(
        file,
        asObject(file, variableValue(file, "apps", { within: "launchSuite" }), "launchSuite's apps"),
        names.name,
        property,
        "launchSuite's apps",
      );
    },
  },
  {
    file: "services/suite/src/summary.ts",
    what: ({ names }) => `a line for ${names.name} in what \`npm start\` prints`,
    apply(text, { names, description, services }) {
      const file = parseTs(this.file, text);
      const rows: ts.CallExpression[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "row") {
          rows.push(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(file.source);
      const named = (row: ts.CallExpression) => {
        const first = row.arguments[0];
        return first && ts.isStringLiteral(first) ? first.text : undefined;
      };
      if (rows.some((row) => named(row) === names.name))
        throw new AnchorError(this.file, `already has row("${names.name}", …)`);
      const last = rows.filter((row) => services.includes(named(row) ?? "")).at(-1);
      if (!last) throw new AnchorError(this.file, 'no row("<service>", …) of the suite\'s services');
      const what = `${description.length > 34 ? `${description.slice(0, 31)}...` : description.padEnd(34)} docs: /docs`;
      const row = `row(${JSON.stringify(names.name)}, ${member("layout.urls", names.name)}, ${JSON.stringify(what)})`;
      return `${text.slice(0, last.end)},\n${row}${text.slice(last.end)}`;
    },
  },
  {
    file: "services/suite/package.json",
    what: ({ names }) => `@jeeves/${names.name} in dependencies`,
    apply: (text, { names }) =>
      addDependency("services/suite/package.json", text, "dependencies", `@jeeves/${names.name}`, "0.1.0"),
  },
  {
    file: "contract-tests/src/registry.ts",
    what: ({ names }) => `${names.name} in PROVIDERS`,
    apply(text, { names }) {
      const file = parseTs(this.file, text);
      const providers = asArray(file, variableValue(file, "PROVIDERS"), "PROVIDERS");
      const listed = providers.elements.some(
        (element) =>
          ts.isObjectLiteralExpression(element) &&
          element.properties.some(
            (property) =>
              propertyName(property) === "name" &&
              ts.isPropertyAssignment(property) &&
              ts.isStringLiteral(property.initializer) &&
              property.initializer.text === names.name,
          ),
      );
      if (listed) throw new AnchorError(this.file, `PROVIDERS already has ${names.name}`);
      const entry = [
        "{",
        `name: ${JSON.stringify(names.name)},`,
        `spec: "specs/openapi/${names.name}.yaml",`,
        `workspace: "@jeeves/${names.name}",`,
        `dredd: () => import("./dredd/providers/${names.name}.ts"),`,
        "}",
      ].join("\n");
      return appendElement(file, providers, entry, "PROVIDERS");
    },
  },
  {
    file: "contract-tests/package.json",
    what: ({ names }) => `@jeeves/${names.name} in devDependencies`,
    apply: (text, { names }) =>
      addDependency("contract-tests/package.json", text, "devDependencies", `@jeeves/${names.name}`, "0.1.0"),
  },
  {
    file: "contract-tests/dredd-skips.yaml",
    what: ({ names }) => `${names.name}: {} (no Dredd transaction skipped)`,
    apply: (text, { names }) => appendYamlKey("contract-tests/dredd-skips.yaml", text, names.name, "{}"),
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
];
