/** The part of a pino logger the key store and the client registry use (the CLI passes a console one). */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A logger that drops everything. */
export const SILENT_LOG: Log = { info() {}, warn() {}, error() {} };
