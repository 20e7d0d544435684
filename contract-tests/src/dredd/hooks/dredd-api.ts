/** A Dredd (14.x) transaction as its hooks see it: the parts the Jeeves hooks read and write. */
export interface DreddTransaction {
  /** `/users > createUser > 201 > application/json` (the API name is left out with one document). */
  name: string;
  /** `POST (201) /users`. */
  id: string;
  /** The path and query the request goes to (Dredd joins it to the endpoint). */
  fullPath: string;
  skip: boolean;
  /** Set by a hook to fail the transaction with this message. */
  fail?: string | boolean;
  request: {
    method: string;
    uri: string;
    headers: Record<string, string>;
    body: string;
    /** `utf-8` (default) or `base64`. */
    bodyEncoding?: string;
  };
  expected: {
    statusCode?: string;
    headers: Record<string, string>;
    body?: string;
    /** The JSON Schema the response body must satisfy (Gavel validates with it). */
    bodySchema?: Record<string, unknown> | string;
  };
  /** The response, once received. */
  real?: {
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body?: string;
    bodyEncoding?: string;
  };
  test?: { valid?: boolean; status?: string; message?: string };
  results?: { fields?: Record<string, { errors?: Array<{ message: string }> }> };
  errors?: Array<{ severity: string; message: string }>;
}

/** Dredd's hooks API (the module `hooks` a hook file requires); asynchronous hooks take `done`. */
export interface DreddHooks {
  beforeAll(hook: (transactions: DreddTransaction[], done: () => void) => void): void;
  afterAll(hook: (transactions: DreddTransaction[], done: () => void) => void): void;
  beforeEach(hook: (transaction: DreddTransaction, done: () => void) => void): void;
  beforeEachValidation(hook: (transaction: DreddTransaction, done: () => void) => void): void;
  afterEach(hook: (transaction: DreddTransaction, done: () => void) => void): void;
  before(name: string, hook: (transaction: DreddTransaction, done: () => void) => void): void;
  after(name: string, hook: (transaction: DreddTransaction, done: () => void) => void): void;
}

/** A header of a response, whatever its case (Node lower-cases them; Dredd keeps what it got). */
export function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Sets a header, replacing any spelling of it. */
export function setHeader(headers: Record<string, unknown>, name: string, value: string | undefined): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  if (value !== undefined) headers[name] = value;
}
