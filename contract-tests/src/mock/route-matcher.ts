import type { OperationSpec, SpecIndex } from "@jeeves/codecs";

interface Route {
  method: string;
  pattern: RegExp;
  /** Templated segments: a literal path wins over a template (`/users/find-or-create` over `/users/{userId}`). */
  params: number;
  operation: OperationSpec;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

function compile(template: string): RegExp {
  const source = template
    .split(/(\{[^{}/]+\})/)
    .map((piece) => (/^\{[^{}/]+\}$/.test(piece) ? "([^/]+)" : escapeRegExp(piece)))
    .join("");
  return new RegExp(`^${source}/?$`);
}

/** Finds the operation a concrete request is for, by method and path matched against the spec's templates. */
export class RouteMatcher {
  private readonly routes: Route[];

  constructor(index: SpecIndex) {
    this.routes = [...index.byRoute.values()]
      .map((operation) => ({
        method: operation.method,
        pattern: compile(operation.path),
        params: (operation.path.match(/\{/g) ?? []).length,
        operation,
      }))
      .sort((a, b) => a.params - b.params);
  }

  /**
   * The operation of `METHOD /concrete/path` (query string ignored), or undefined when the spec has none.
   * Like Prism, paths are matched without the servers' base path: the mock's URL stands for the server URL.
   */
  match(method: string, url: string): OperationSpec | undefined {
    const path = new URL(url, "http://mock.invalid").pathname;
    const upper = method.toUpperCase();
    return this.routes.find((r) => r.method === upper && r.pattern.test(path))?.operation;
  }
}
