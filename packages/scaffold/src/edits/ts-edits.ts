import ts from "typescript";
import { AnchorError } from "./anchor-error.ts";

/** A TypeScript file being edited: its path (for messages), text and syntax tree. */
export interface TsFile {
  path: string;
  text: string;
  source: ts.SourceFile;
}

/** Parses `text` (the file at `path`, relative to the repository root) for the edits below. */
export function parseTs(path: string, text: string): TsFile {
  return { path, text, source: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) };
}

/** Where to look for a node: anywhere in the file, or inside the function declared with this name. */
export interface Within {
  within?: string;
}

function descendants(node: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (child: ts.Node) => {
    found.push(child);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function scope(file: TsFile, options: Within): ts.Node {
  if (!options.within) return file.source;
  const fn = descendants(file.source).find(
    (node) => ts.isFunctionDeclaration(node) && node.name?.text === options.within,
  );
  if (!fn) throw new AnchorError(file.path, `no function ${options.within}`);
  return fn;
}

/** The expression under `as const`, `satisfies …` and parentheses. */
function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) {
    current = current.expression;
  }
  return current;
}

/** The initializer of `const <name> = …` (in the function `within`, if given). */
export function variableValue(file: TsFile, name: string, options: Within = {}): ts.Expression {
  const declaration = descendants(scope(file, options)).find(
    (node): node is ts.VariableDeclaration =>
      ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name,
  );
  const where = options.within ? ` in ${options.within}` : "";
  if (!declaration?.initializer) throw new AnchorError(file.path, `no \`const ${name} = …\`${where}`);
  return unwrap(declaration.initializer);
}

/** The statement declaring `const <name>` (in the function `within`, if given). */
export function variableStatement(file: TsFile, name: string, options: Within = {}): ts.VariableStatement {
  const value = variableValue(file, name, options);
  let node: ts.Node = value;
  while (!ts.isVariableStatement(node)) node = node.parent;
  return node;
}

/** The first argument of the first call of `callee(…)` (in the function `within`, if given). */
export function callArgument(file: TsFile, callee: string, options: Within = {}): ts.Expression {
  const call = descendants(scope(file, options)).find(
    (node): node is ts.CallExpression =>
      ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === callee,
  );
  const where = options.within ? ` in ${options.within}` : "";
  if (!call?.arguments[0]) throw new AnchorError(file.path, `no call ${callee}(…)${where}`);
  return unwrap(call.arguments[0]);
}

/** `node` as an array literal, or an AnchorError naming `what`. */
export function asArray(file: TsFile, node: ts.Expression, what: string): ts.ArrayLiteralExpression {
  if (!ts.isArrayLiteralExpression(node)) throw new AnchorError(file.path, `${what} is not an array literal`);
  return node;
}

/** `node` as an object literal, or an AnchorError naming `what`. */
export function asObject(file: TsFile, node: ts.Expression, what: string): ts.ObjectLiteralExpression {
  if (!ts.isObjectLiteralExpression(node)) throw new AnchorError(file.path, `${what} is not an object literal`);
  return node;
}

/** The string values of an array literal's string elements (`SERVICES`, `AUDIENCES`…). */
export function stringElements(array: ts.ArrayLiteralExpression): string[] {
  return array.elements.filter(ts.isStringLiteral).map((element) => element.text);
}

/** The name of a property (`weather`, `"road-works"`, `WEATHER_PORT`), or undefined for a spread or computed one. */
export function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  if (!property.name) return undefined;
  if (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) return property.name.text;
  return undefined;
}

/** Inserts `insertion` at `position` of the file's text. */
function insertAt(file: TsFile, position: number, insertion: string): string {
  return file.text.slice(0, position) + insertion + file.text.slice(position);
}

/** Appends `element` (source text) to an array literal; refuses an element that is there already. */
export function appendElement(file: TsFile, array: ts.ArrayLiteralExpression, element: string, what: string): string {
  if (array.elements.some((existing) => existing.getText(file.source) === element)) {
    throw new AnchorError(file.path, `${what} already holds ${element}`);
  }
  const last = array.elements.at(-1);
  return last ? insertAt(file, last.end, `, ${element}`) : insertAt(file, array.elements.pos, element);
}

/**
 * Adds a property (source text, named `name`) to an object literal, after the property `after` or else
 * after the last one; refuses a name that is there already.
 */
export function addProperty(
  file: TsFile,
  object: ts.ObjectLiteralExpression,
  name: string,
  property: string,
  what: string,
  after?: string,
): string {
  if (object.properties.some((existing) => propertyName(existing) === name)) {
    throw new AnchorError(file.path, `${what} already has ${name}`);
  }
  const anchor = after
    ? object.properties.find((existing) => propertyName(existing) === after)
    : object.properties.at(-1);
  if (after && !anchor) throw new AnchorError(file.path, `${what} has no ${after} to add ${name} after`);
  return anchor ? insertAt(file, anchor.end, `, ${property}`) : insertAt(file, object.properties.pos, property);
}

/** Inserts `statement` (source text) on its own line before `before`, at the same indentation. */
export function insertStatementBefore(file: TsFile, before: ts.Statement, statement: string): string {
  const start = before.getStart(file.source);
  const lineStart = file.text.lastIndexOf("\n", start - 1) + 1;
  const indent = file.text.slice(lineStart, start);
  return insertAt(file, start, `${statement}\n${indent}`);
}

/** True when the file names `identifier` anywhere (a declaration, an import, a use). */
export function usesIdentifier(file: TsFile, identifier: string): boolean {
  return descendants(file.source).some((node) => ts.isIdentifier(node) && node.text === identifier);
}

/**
 * Adds an import of `module` (the whole statement as source text) among the file's imports of the same
 * group (by default `@jeeves/*` packages), in alphabetical order of module; refuses a module imported
 * already.
 */
export function addImport(
  file: TsFile,
  module: string,
  statement: string,
  group: (specifier: string) => boolean = (specifier) => specifier.startsWith("@jeeves/"),
): string {
  const imports = file.source.statements.filter(ts.isImportDeclaration);
  const specifier = (node: ts.ImportDeclaration) => (node.moduleSpecifier as ts.StringLiteral).text;
  if (imports.some((node) => specifier(node) === module)) {
    throw new AnchorError(file.path, `already imports ${module}`);
  }
  const siblings = imports.filter((node) => group(specifier(node)));
  if (siblings.length === 0)
    throw new AnchorError(file.path, `imports nothing like ${module} to put the import beside`);
  const next = siblings.find((node) => specifier(node) > module);
  if (next) return insertStatementBefore(file, next, statement);
  return insertAt(file, (siblings.at(-1) as ts.ImportDeclaration).end, `\n${statement}`);
}
