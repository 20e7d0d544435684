import { readFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";
import { type AsyncapiModel, type ChannelModel, camelCase, pascalCase, readChannels } from "./asyncapi-channels.ts";
import { banner } from "./banner.ts";
import type { SpecFile } from "./spec-files.ts";

const ROUTING = new URL("./runtime/bus-routing.ts", import.meta.url);

/** The routing helpers every generated bus module imports, written once as `bus/routing.ts`. */
export async function renderBusRouting(): Promise<string> {
  return `${banner("packages/codegen/src/runtime/bus-routing.ts")}\n${await readFile(ROUTING, "utf8")}`;
}

function doc(lines: string[], indent = ""): string {
  const text = lines
    .flatMap((line) => line.trimEnd().split("\n"))
    .map((line) => line.replaceAll("*/", "*\\/").trimEnd());
  while (text.at(-1) === "") text.pop();
  if (text.length === 1) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** The payload schemas as openapi-typescript's `components` interface (an OpenAPI 3.1 wrapper around them). */
async function componentsInterface(model: AsyncapiModel, title: string): Promise<string> {
  if (Object.keys(model.schemas).length === 0) return "";
  const wrapper = {
    openapi: "3.1.0",
    info: { title, version: "0" },
    paths: {},
    components: { schemas: structuredClone(model.schemas) },
  };
  const ast = await openapiTS(wrapper as Parameters<typeof openapiTS>[0], { exportType: false, alphabetize: false });
  const components = ast.filter(
    (node) => (node as { name?: { escapedText?: string } }).name?.escapedText === "components",
  );
  return astToString(components);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A property name: bare when it is an identifier, else quoted. */
function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A JSON-like value on one line, with bare property names: `{ source: { enum: ["slack", "local"] } }`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([name, v]) => `${key(name)}: ${inline(v)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

function literal(text: string): string {
  return text.replace(/[\\`$]/g, (c) => `\\${c}`);
}

function renderChannel(channel: ChannelModel): string {
  const type = pascalCase(channel.id);
  const fn = camelCase(channel.id);
  const where = `channel \`${channel.id}\` (\`${channel.address}\`)`;
  const descriptor = IDENTIFIER.test(channel.id) ? `channels.${channel.id}` : `channels[${JSON.stringify(channel.id)}]`;
  const valueType = (name: string) => `${type}${pascalCase(name)}`;
  const out: string[] = [];
  for (const parameter of channel.parameters) {
    const values = parameter.enum?.map((v) => JSON.stringify(v)).join(" | ");
    out.push(
      doc([`The values of \`${parameter.name}\` in ${where}.`, parameter.description ?? ""]) +
        `export type ${valueType(parameter.name)} = ${values ?? "string"};\n`,
    );
  }
  const keyType = channel.address
    .split(/\{([^{}]+)\}/)
    .map((part, i) => (i % 2 ? `\${${valueType(part)}}` : literal(part)));
  out.push(
    `${doc([`The routing keys of ${where}.`, channel.description ?? ""])}export type ${type}RoutingKey = \`${keyType.join("")}\`;\n`,
  );
  const checks = channel.parameters
    .map((p) => (p.enum ? `${p.name} is one of ${p.enum.join(", ")}` : `${p.name} is one word`))
    .join("; ");
  if (channel.parameters.length === 0) {
    out.push(
      `${doc([`The routing key of ${where}.`])}export function ${fn}RoutingKey(): ${type}RoutingKey {\n` +
        `  return routingKey(${descriptor}, {}) as ${type}RoutingKey;\n}\n`,
      `${doc([`The subscription pattern of ${where}.`])}export function ${fn}Pattern(): string {\n` +
        `  return subscriptionPattern(${descriptor});\n}\n`,
    );
    return out.join("\n");
  }
  const fields = (optional: string) =>
    `{ ${channel.parameters.map((p) => `${key(p.name)}${optional}: string`).join("; ")} }`;
  out.push(
    `${doc([`The routing key of ${where}, its parameters filled in; throws unless ${checks}.`])}` +
      `export function ${fn}RoutingKey(parameters: ${fields("")}): ${type}RoutingKey {\n` +
      `  return routingKey(${descriptor}, parameters) as ${type}RoutingKey;\n}\n`,
    `${doc([`The subscription pattern of ${where}: \`${channel.pattern}\`, each parameter given filled in and checked.`])}` +
      `export function ${fn}Pattern(parameters: ${fields("?")} = {}): string {\n` +
      `  return subscriptionPattern(${descriptor}, parameters);\n}\n`,
  );
  return out.join("\n");
}

/**
 * Renders `bus/<document>.ts` for one AsyncAPI document: a type per message payload (openapi-typescript
 * on the document's schemas), the channels (id, address template, parameters and their enum values,
 * messages and their `x-proto-message`), typed routing-key builders and subscription patterns per channel,
 * and the routing-key pattern → protobuf message table.
 */
export async function renderAsyncapiModule(spec: SpecFile): Promise<string> {
  const model = readChannels(spec);
  const payloads = new Map<string, { schema: string; protoMessage?: string }>();
  for (const channel of model.channels) for (const message of channel.messages) payloads.set(message.name, message);
  const descriptors = model.channels.map((c) => {
    const fields = {
      id: c.id,
      address: c.address,
      parameters: Object.fromEntries(c.parameters.map((p) => [p.name, p.enum ? { enum: p.enum } : {}])),
      messages: c.messages.map((m) => ({ name: m.name, ...(m.protoMessage ? { protoMessage: m.protoMessage } : {}) })),
    };
    const lines = Object.entries(fields).map(([name, value]) => `    ${name}: ${inline(value)},`);
    return `  ${key(c.id)}: {\n${lines.join("\n")}\n  },`;
  });
  const protoMessages: Record<string, string> = {};
  for (const channel of model.channels) {
    const proto = channel.messages[0]?.protoMessage;
    if (proto) protoMessages[channel.pattern] = proto;
  }
  const parts = [
    `${banner(spec.source)}
// Channels, payload types and routing keys of the AsyncAPI document ${spec.source}.
import { type BusChannel, routingKey, subscriptionPattern } from "./routing.ts";
`,
  ];
  const components = await componentsInterface(model, spec.name);
  if (components) parts.push(components);
  for (const [name, message] of payloads) {
    const proto = message.protoMessage ? ` (protobuf \`${message.protoMessage}\`)` : "";
    parts.push(
      `${doc([`The payload of the message \`${name}\`${proto}.`])}export type ${name} = components["schemas"][${JSON.stringify(message.schema)}];\n`,
    );
  }
  parts.push(
    `${doc([
      `The channels of ${spec.source}: address template, parameters (with the values each may take), and`,
      "the messages they carry with their protobuf message.",
    ])}export const channels = {\n${descriptors.join("\n")}\n} as const satisfies Record<string, BusChannel>;\n`,
    `${doc(["The payload type of each channel."])}export interface ChannelPayloads {\n${model.channels
      .map((c) => `  ${key(c.id)}: ${c.messages.map((m) => m.name).join(" | ") || "never"};`)
      .join("\n")}\n}\n`,
    `${doc([
      "Each channel's address as a topic pattern (every parameter `*`) → the protobuf message of its payload.",
    ])}export const protoMessages = {\n${Object.entries(protoMessages)
      .map(([pattern, proto]) => `  ${JSON.stringify(pattern)}: ${JSON.stringify(proto)},`)
      .join("\n")}\n} as const;\n`,
  );
  for (const channel of model.channels) parts.push(renderChannel(channel));
  return parts.join("\n");
}
