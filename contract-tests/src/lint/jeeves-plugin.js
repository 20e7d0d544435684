/**
 * Redocly CLI plugin with the Jeeves contract rules that no built-in or configurable rule can
 * express (they compare media types of one content map, or depend on the operation's path).
 * Rule ids in redocly.yaml: `jeeves/<name>`. Plain JavaScript because the Redocly CLI loads it
 * itself, outside tsx.
 *
 * The walker visits a `$ref` target only once, at its first use, so the rules that depend on where a
 * response is used (its path, its content map) run from the Operation and resolve the `$ref`s
 * themselves, reporting at the place of use.
 */

/** The media type of errors (RFC 9457). */
const PROBLEM_JSON = "application/problem+json";
/** The three encodings every body that names a protobuf message must be offered in. */
const MESSAGE_TYPES = ["application/json", "application/msgpack", "application/x-protobuf"];
/** Paths whose 4xx errors follow RFC 6749 §5.2 (`{error, error_description}` as application/json). */
const OAUTH_PREFIX = "/oauth/";

/** The node behind a possible `$ref`. */
function resolved(ctx, node) {
  if (node && typeof node === "object" && typeof node.$ref === "string") return ctx.resolve(node).node;
  return node;
}

/** `METHOD /path` for messages. */
function label(method, path) {
  return `${String(method).toUpperCase()} ${path ?? "?"}`;
}

/** The content map of a request body or response (resolving `$ref`s), or undefined. */
function contentOf(ctx, node) {
  const body = resolved(ctx, node);
  return body && typeof body.content === "object" ? body.content : undefined;
}

/** Every media type of a request or response body has an example, on itself or on its schema. */
function MediaTypeExample() {
  const check = (body, ctx, what) => {
    for (const [mediaType, media] of Object.entries(body.content ?? {})) {
      if (!media || media.example !== undefined) continue;
      if (media.examples && Object.keys(media.examples).length > 0) continue;
      const schema = resolved(ctx, media.schema);
      if (schema && (schema.example !== undefined || (Array.isArray(schema.examples) && schema.examples.length > 0))) {
        continue;
      }
      ctx.report({
        message: `${what} body ${mediaType} has no example: give its schema an \`example\` or the media type an \`example\`.`,
        location: ctx.location.child(["content", mediaType]),
      });
    }
  };
  return {
    RequestBody: {
      enter(body, ctx) {
        check(body, ctx, "Request");
      },
    },
    Response: {
      enter(response, ctx) {
        check(response, ctx, `Response ${ctx.key}`);
      },
    },
  };
}

/**
 * Every 4xx/5xx response is application/problem+json only; 4xx answers of operations under /oauth/
 * may be application/json instead (RFC 6749 §5.2 errors).
 */
function ErrorProblemJson() {
  let path;
  return {
    PathItem: {
      enter(_item, ctx) {
        path = String(ctx.key);
      },
      Operation: {
        enter(operation, ctx) {
          for (const [status, response] of Object.entries(operation.responses ?? {})) {
            if (!/^[45]/.test(status)) continue;
            const oauth = status.startsWith("4") && path?.startsWith(OAUTH_PREFIX);
            const allowed = oauth ? [PROBLEM_JSON, "application/json"] : [PROBLEM_JSON];
            const types = Object.keys(contentOf(ctx, response) ?? {});
            const wrong = types.filter((type) => !allowed.includes(type));
            if (types.length > 0 && wrong.length === 0) continue;
            const found = types.length === 0 ? "no body" : wrong.join(", ");
            ctx.report({
              message: `Error response ${status} of ${label(ctx.key, path)} must be ${PROBLEM_JSON}${
                oauth ? " (or application/json, an RFC 6749 OAuth error)" : ""
              }, found ${found}.`,
              location: ctx.location.child(["responses", status]),
            });
          }
        },
      },
    },
  };
}

/**
 * A body whose schema names a protobuf message (`x-proto-message`) is offered as application/json,
 * application/msgpack and application/x-protobuf, each with that message; problem+json bodies aside.
 */
function ProtoMediaTypes() {
  let path;
  const check = (ctx, content, where, pointer) => {
    if (!content) return;
    const messageOf = (type) => {
      const media = content[type];
      return media ? resolved(ctx, media.schema)?.["x-proto-message"] : undefined;
    };
    const messages = new Set(
      Object.keys(content)
        .filter((type) => type !== PROBLEM_JSON)
        .map(messageOf)
        .filter((message) => typeof message === "string"),
    );
    for (const message of messages) {
      const missing = MESSAGE_TYPES.filter((type) => messageOf(type) !== message);
      if (missing.length === 0) continue;
      ctx.report({
        message: `${where} offers ${message} (x-proto-message) without ${missing.join(", ")}: every message body is offered in ${MESSAGE_TYPES.join(", ")}.`,
        location: ctx.location.child(pointer),
      });
    }
  };
  return {
    PathItem: {
      enter(_item, ctx) {
        path = String(ctx.key);
      },
      Operation: {
        enter(operation, ctx) {
          const name = label(ctx.key, path);
          check(ctx, contentOf(ctx, operation.requestBody), `The request body of ${name}`, ["requestBody", "content"]);
          for (const [status, response] of Object.entries(operation.responses ?? {})) {
            check(ctx, contentOf(ctx, response), `Response ${status} of ${name}`, ["responses", status, "content"]);
          }
        },
      },
    },
  };
}

/** The plugin: `jeeves/media-type-example`, `jeeves/error-problem-json`, `jeeves/proto-media-types`. */
export default function jeevesPlugin() {
  return {
    id: "jeeves",
    rules: {
      oas3: {
        "media-type-example": MediaTypeExample,
        "error-problem-json": ErrorProblemJson,
        "proto-media-types": ProtoMediaTypes,
      },
    },
  };
}
