import ts from "typescript";

/** The forms of a service's name the template and the registries use. */
export interface ServiceNames {
  /** As given, kebab-case: the folder, spec, audience and package name (`road-works`). */
  name: string;
  /** PascalCase, in type and function names (`RoadWorks`: `RoadWorksHandlers`, `prepareRoadWorks`). */
  pascal: string;
  /** camelCase, in variable names (`roadWorks`). */
  camel: string;
  /** UPPER_SNAKE_CASE, in variables and error codes (`ROAD_WORKS`: `ROAD_WORKS_PORT`, `ROAD_WORKS_ERR_*`). */
  constant: string;
}

/** A name the generator refuses, with the reason. */
export class ScaffoldError extends Error {
  override name = "ScaffoldError";
}

/** Lowercase letters and digits, starting with a letter, in kebab-case words (`greeter`, `road-works`). */
const KEBAB = /^[a-z][a-z\d]*(?:-[a-z\d]+)*$/;

/** At most this many characters: the name is a folder, an audience, a port variable and a message prefix. */
export const MAX_NAME_LENGTH = 30;

/**
 * Names taken by something other than a service: generated modules (`generated/handlers/types.ts`,
 * `generated/bus/routing.ts`), folders next to the specs (`specs/openapi/external/`, `specs/released/proto/`),
 * and the protobuf files every service shares (`common.proto`).
 */
export const RESERVED_NAMES = ["types", "routing", "external", "proto", "released", "common", "jeeves"];

/** Words strict-mode code cannot declare beside the reserved words. */
const STRICT_NAMES = ["await", "arguments", "eval", "undefined"];

/** True for a reserved word of strict-mode JavaScript (`new`, `class`, `package`…): not a variable name. */
function isKeyword(word: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);
  scanner.setText(word);
  const token = scanner.scan();
  const within = (first: ts.SyntaxKind, last: ts.SyntaxKind) => token >= first && token <= last;
  return (
    STRICT_NAMES.includes(word) ||
    within(ts.SyntaxKind.FirstReservedWord, ts.SyntaxKind.LastReservedWord) ||
    within(ts.SyntaxKind.FirstFutureReservedWord, ts.SyntaxKind.LastFutureReservedWord)
  );
}

/**
 * Checks a new service's name and answers its forms; throws {@link ScaffoldError} saying what is wrong
 * (not kebab-case, too long, reserved, a reserved word of JavaScript). Whether a service of that name exists already is checked
 * against the repository by `newService`.
 */
export function serviceNames(name: string): ServiceNames {
  if (!KEBAB.test(name)) {
    throw new ScaffoldError(
      `"${name}" is not a service name: use lowercase letters and digits in kebab-case, starting with a letter (e.g. greeter, road-works)`,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new ScaffoldError(
      `"${name}" is ${name.length} characters long: a service name has at most ${MAX_NAME_LENGTH}`,
    );
  }
  if (RESERVED_NAMES.includes(name)) {
    throw new ScaffoldError(`"${name}" is reserved (${RESERVED_NAMES.join(", ")}): pick another name`);
  }
  const words = name.split("-");
  const capitalised = words.map((word) => word[0].toUpperCase() + word.slice(1));
  const camel = words[0] + capitalised.slice(1).join("");
  if (isKeyword(camel)) throw new ScaffoldError(`"${name}" is a reserved word of JavaScript: pick another name`);
  return { name, pascal: capitalised.join(""), camel, constant: words.join("_").toUpperCase() };
}
