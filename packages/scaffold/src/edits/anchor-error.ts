/**
 * A registry file does not look the way the generator expects (the declaration, table or line it adds
 * to is missing, or already names the service). The message names the file and what is missing.
 */
export class AnchorError extends Error {
  override name = "AnchorError";

  constructor(
    /** The file, relative to the repository root. */
    readonly file: string,
    /** What is missing or already there. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
