/** One field that failed validation, as the problem schema lists it. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
}

/** Options of a coded service error. */
export interface ServiceErrorOptions {
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The standard title of a status code. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

/** The problem `type` URI of a status: `urn:jeeves:problem:not-found`. */
export function problemType(status: number): string {
  return `urn:jeeves:problem:${statusTitle(status)
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")}`;
}

/**
 * An error with a code (`<SERVICE>_ERR_*`) and a status, mapped to a problem by the kit's one error
 * handler. `cause` is logged, never sent.
 */
export class ServiceError extends Error {
  readonly statusCode: number;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: string,
    status: number,
    readonly title: string,
    options: ServiceErrorOptions = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = "ServiceError";
    this.statusCode = status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/** One entry of an error catalogue: status and title. */
export interface ErrorSpec {
  status: number;
  title: string;
}

/** Factories for each code of a catalogue: `ERR.USER_NOT_FOUND({ detail })`. */
export type ErrorCatalogue<K extends string> = {
  [Key in K]: ((options?: ServiceErrorOptions) => ServiceError) & { code: string; status: number };
};

/**
 * Builds a service's coded error catalogue: `defineErrors("DATASERVICE", { USER_NOT_FOUND: { status: 404,
 * title: "User not found" } })` gives factories whose errors carry code `DATASERVICE_ERR_USER_NOT_FOUND`.
 */
export function defineErrors<K extends string>(service: string, specs: Record<K, ErrorSpec>): ErrorCatalogue<K> {
  const catalogue = {} as ErrorCatalogue<K>;
  for (const key of Object.keys(specs) as K[]) {
    const { status, title } = specs[key];
    const code = `${service.toUpperCase()}_ERR_${key}`;
    const factory = (options?: ServiceErrorOptions) => new ServiceError(code, status, title, options);
    catalogue[key] = Object.assign(factory, { code, status });
  }
  return catalogue;
}

/** The service kit's own codes, for errors every service can give. */
export const KIT_ERR = defineErrors("SERVICE", {
  VALIDATION: { status: 400, title: "Bad Request" },
  MALFORMED_BODY: { status: 400, title: "Malformed body" },
  BAD_REQUEST: { status: 400, title: "Bad Request" },
  BAD_URL: { status: 400, title: "Bad URL" },
  REQUEST_TIMEOUT: { status: 408, title: "Request Timeout" },
  BODY_TOO_LARGE: { status: 413, title: "Content Too Large" },
  URI_TOO_LONG: { status: 414, title: "URI Too Long" },
  HEADERS_TOO_LARGE: { status: 431, title: "Request Header Fields Too Large" },
  NOT_ACCEPTABLE: { status: 406, title: "Not Acceptable" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported Media Type" },
  ROUTE_NOT_FOUND: { status: 404, title: "Not Found" },
  UNAUTHENTICATED: { status: 401, title: "Unauthorized" },
  INVALID_TOKEN: { status: 401, title: "Unauthorized" },
  INSUFFICIENT_SCOPE: { status: 403, title: "Forbidden" },
  RATE_LIMITED: { status: 429, title: "Too Many Requests" },
  OVERLOADED: { status: 503, title: "Service Unavailable" },
  INTERNAL: { status: 500, title: "Internal Server Error" },
});
