/**
 * A request body has a property its operation's schema does not declare (a misspelling, say): the
 * client refuses to send it rather than drop the property. `pointer` is its JSON pointer in the body.
 */
export class UndeclaredPropertyError extends Error {
  readonly code = "CLIENT_ERR_UNDECLARED_PROPERTY";

  constructor(
    readonly pointer: string,
    readonly operationId: string,
  ) {
    const name = (pointer.split("/").pop() ?? pointer).replaceAll("~1", "/").replaceAll("~0", "~");
    const where = pointer.lastIndexOf("/") > 0 ? ` (at ${pointer})` : "";
    super(`${name} is not a property of the request body of ${operationId}${where}`);
    this.name = "UndeclaredPropertyError";
  }
}
