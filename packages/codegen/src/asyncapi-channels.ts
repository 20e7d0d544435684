import type { SpecFile } from "./spec-files.ts";

/** One parameter of a channel address, in the order the address names them. */
export interface ChannelParameterModel {
  name: string;
  /** The values it may take (`enum`), when the document restricts them. */
  enum?: string[];
  description?: string;
}

/** One message a channel carries. */
export interface ChannelMessageModel {
  /** The TypeScript type of its payload: the message's `name` (or its key), PascalCase. */
  name: string;
  /** The key of its payload schema in `AsyncapiModel.schemas`. */
  schema: string;
  /** `x-proto-message` of the payload schema: the protobuf message on the wire. */
  protoMessage?: string;
}

/** One channel of an AsyncAPI document. */
export interface ChannelModel {
  /** The channel's key under `channels`, e.g. `chatMessage`. */
  id: string;
  /** The address template, e.g. `chat.message.{source}`. */
  address: string;
  /** The address with every parameter as `*`, e.g. `chat.message.*`. */
  pattern: string;
  description?: string;
  parameters: ChannelParameterModel[];
  messages: ChannelMessageModel[];
}

/** What the generator needs of an AsyncAPI document. */
export interface AsyncapiModel {
  channels: ChannelModel[];
  /** The payload schemas by key: `components.schemas`, plus any inline payload under its message's name. */
  schemas: Record<string, unknown>;
}

type Node = Record<string, unknown>;

const WORD = /^[\w-]+$/;
const PLACEHOLDER_WORD = /^\{([^{}]+)\}$/;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;
const MESSAGE_REF = /^#\/components\/messages\/([^/]+)$/;
const ASYNCAPI_SCHEMA_FORMAT = /^application\/(?:vnd\.aai\.asyncapi|schema)\+(?:json|yaml)/;

/** The text split into words at every character that is not a letter or digit, each word capitalised. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

/** `pascalCase` with a lower-case first letter: a function or variable name. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when two topic patterns (words or `*`) can match the same routing key. */
export function patternsOverlap(a: string, b: string): boolean {
  const [x, y] = [a.split("."), b.split(".")];
  return x.length === y.length && x.every((word, i) => word === y[i] || word === "*" || y[i] === "*");
}

/**
 * Reads the channels of an AsyncAPI 3 document: address, parameters (with `enum`), messages, and each
 * payload's schema and `x-proto-message`. Local `$ref`s are followed. Throws, naming the document and
 * the channel, for what the bus cannot route: no address, a parameter that is not a whole word of the
 * address or not declared, an enum value that is not one word, a channel carrying two protobuf
 * messages, or two channels whose routing keys can collide but whose payloads differ.
 */
export function readChannels(spec: SpecFile): AsyncapiModel {
  const document = spec.document;
  const fail: (where: string, what: string) => never = (where, what) => {
    throw new Error(`${spec.source}: ${where}: ${what}`);
  };
  const resolve: (value: unknown, where: string) => Node = (value, where) => {
    let node = value;
    for (let depth = 0; isNode(node) && typeof node.$ref === "string"; depth++) {
      const ref = node.$ref;
      if (depth > 32) fail(where, `$ref ${ref} does not end`);
      if (!ref.startsWith("#/")) fail(where, `only local $refs are supported, not ${ref}`);
      node = ref
        .slice(2)
        .split("/")
        .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce<unknown>((at, key) => (isNode(at) ? at[key] : undefined), document);
      if (node === undefined) fail(where, `$ref ${ref} points at nothing`);
    }
    if (!isNode(node)) return fail(where, "expected an object");
    return node;
  };

  const components = isNode(document.components) ? document.components : {};
  const schemas: Record<string, unknown> = { ...(isNode(components.schemas) ? components.schemas : {}) };
  const typeSchemas = new Map<string, string>();

  const readMessage = (key: string, entry: unknown, where: string): ChannelMessageModel => {
    const message = resolve(entry, where);
    const ref = isNode(entry) && typeof entry.$ref === "string" ? entry.$ref : "";
    const name = pascalCase(typeof message.name === "string" ? message.name : (MESSAGE_REF.exec(ref)?.[1] ?? key));
    if (!name || /^\d/.test(name)) fail(where, `message ${key} has no name that can name a type`);
    let payload = message.payload;
    if (payload === undefined) fail(where, `message ${name} has no payload`);
    if (isNode(payload) && isNode(payload.schema) && typeof payload.schemaFormat === "string") {
      if (!ASYNCAPI_SCHEMA_FORMAT.test(payload.schemaFormat)) {
        fail(where, `message ${name}: schemaFormat ${payload.schemaFormat} is not supported`);
      }
      payload = payload.schema;
    }
    const payloadRef = isNode(payload) && typeof payload.$ref === "string" ? payload.$ref : "";
    let schema = SCHEMA_REF.exec(payloadRef)?.[1];
    if (schema === undefined) {
      schema = name;
      const inline = payloadRef ? resolve(payload, `${where}: message ${name}`) : payload;
      if (schema in schemas && schemas[schema] !== inline) {
        fail(where, `the inline payload of message ${name} clashes with components.schemas.${name}`);
      }
      schemas[schema] = inline;
    }
    const known = typeSchemas.get(name);
    if (known !== undefined && known !== schema) fail(where, `two different payloads are both named ${name}`);
    typeSchemas.set(name, schema);
    const resolved = resolve(schemas[schema], `${where}: message ${name}`);
    const proto = resolved["x-proto-message"];
    return { name, schema, ...(typeof proto === "string" ? { protoMessage: proto } : {}) };
  };

  const channels: ChannelModel[] = [];
  for (const [id, entry] of Object.entries(isNode(document.channels) ? document.channels : {})) {
    const where = `channel ${id}`;
    if (!/^[A-Za-z]/.test(camelCase(id))) fail(where, "its id must start with a letter");
    const channel = resolve(entry, where);
    const address = channel.address;
    if (typeof address !== "string" || !address) fail(where, "has no address; the bus routes by address");
    const declared = isNode(channel.parameters) ? channel.parameters : {};
    const parameters: ChannelParameterModel[] = [];
    const words = address.split(".").map((word) => {
      const placeholder = PLACEHOLDER_WORD.exec(word)?.[1];
      if (placeholder === undefined) {
        if (!word || /[{}*#]/.test(word)) fail(where, `address ${address}: ${JSON.stringify(word)} is not a word`);
        return word;
      }
      if (!(placeholder in declared)) fail(where, `address parameter ${placeholder} is not declared`);
      if (parameters.some((p) => p.name === placeholder)) fail(where, `address names ${placeholder} twice`);
      const parameter = resolve(declared[placeholder], `${where}: parameter ${placeholder}`);
      const values = parameter.enum;
      if (
        values !== undefined &&
        (!Array.isArray(values) || values.some((v) => typeof v !== "string" || !WORD.test(v)))
      ) {
        fail(where, `parameter ${placeholder}: every enum value must be one word of letters, digits, _ and -`);
      }
      parameters.push({
        name: placeholder,
        ...(values ? { enum: values as string[] } : {}),
        ...(typeof parameter.description === "string" ? { description: parameter.description } : {}),
      });
      return "*";
    });
    for (const name of Object.keys(declared)) {
      if (!parameters.some((p) => p.name === name)) fail(where, `parameter ${name} is not in the address ${address}`);
    }
    const messages = Object.entries(isNode(channel.messages) ? channel.messages : {}).map(([key, message]) =>
      readMessage(key, message, where),
    );
    const protos = new Set(messages.map((m) => m.protoMessage));
    if (protos.size > 1) {
      fail(where, `its messages are different protobuf messages (${[...protos].join(", ")}); the bus needs one`);
    }
    channels.push({
      id,
      address,
      pattern: words.join("."),
      ...(typeof channel.description === "string" ? { description: channel.description } : {}),
      parameters,
      messages,
    });
  }
  for (const [i, a] of channels.entries()) {
    for (const b of channels.slice(i + 1)) {
      if (a.messages[0]?.protoMessage !== b.messages[0]?.protoMessage && patternsOverlap(a.pattern, b.pattern)) {
        fail(`channels ${a.id} and ${b.id}`, `${a.address} and ${b.address} can name the same routing key`);
      }
    }
  }
  return { channels, schemas };
}
