import { canonical, dereference, follow, isObject, type JsonObject } from "./local-ref.ts";
import type { Change, ChangeType } from "./openapi-diff.ts";

/*
 * The breaking-change classifier of AsyncAPI 3 documents (the bus contract). Both sides publish and
 * receive on the bus, so a schema narrowed is breaking whichever side it is read from (a publisher of
 * the released version sends what the new schema refuses), and so is a field receivers lose (removed,
 * or no longer required). Widening that receivers are expected to tolerate is not: a new optional
 * property, a new enum value, a new channel, message or operation. A keyword the classifier does not
 * know is taken as breaking when it changes (an `x-` extension other than `x-proto-message` as
 * unclassified): the gate cannot tell, so it asks for a major.
 */

/** Keywords that only describe: a change to them is an annotation. */
const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "tags",
  "$comment",
  "default",
  "readOnly",
  "writeOnly",
  "$id",
  "$schema",
]);

/** Schema keywords whose raised value narrows (`maxLength: 20` → `10`), and whose lowered value does. */
const UPPER_BOUNDS = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"];
const LOWER_BOUNDS = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"];

const SCHEMA_KEYWORDS = new Set([
  "type",
  "format",
  "x-proto-message",
  "properties",
  "required",
  "enum",
  "const",
  "pattern",
  "multipleOf",
  "uniqueItems",
  "additionalProperties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  ...UPPER_BOUNDS,
  ...LOWER_BOUNDS,
]);
const CHANNEL_KEYWORDS = new Set(["address", "parameters", "messages"]);
const PARAMETER_KEYWORDS = new Set(["enum", "location"]);
const MESSAGE_KEYWORDS = new Set(["name", "contentType", "payload", "headers", "x-proto-message"]);
const OPERATION_KEYWORDS = new Set(["action", "channel", "messages"]);
/** Top-level keys compared on their own (the rest shows through channels and operations). */
const TOP_LEVEL_KEYWORDS = new Set([
  "asyncapi",
  "channels",
  "operations",
  "components",
  "info",
  "defaultContentType",
  "servers",
]);
/** Components that do not show through the channels and operations using them. */
const STANDALONE_COMPONENTS = ["securitySchemes", "servers", "serverVariables"];

/** A place in the document: its path, and how it is shown (`channels.chatReply.messages.reply (Reply)`). */
class Place {
  constructor(
    readonly path: string[],
    readonly shown: string,
  ) {}

  /** The place of a child node. */
  at(...segments: Array<string | number>): Place {
    const names = segments.map(String);
    return new Place([...this.path, ...names], [this.shown, ...names].filter(Boolean).join("."));
  }

  /** The same place, shown with a name after it (`messages.reply (Reply)`). */
  named(name: unknown): Place {
    return typeof name === "string" && name !== "" ? new Place(this.path, `${this.shown} (${name})`) : this;
  }
}

const TOP = new Place([], "");

/** One comparison: both documents, the changes found, and the renames found on the way. */
interface Diffing {
  before: unknown;
  after: unknown;
  changes: Change[];
  /** Channel ids renamed with their address unchanged: released id → current id. */
  channelIds: Map<string, string>;
  /** Message keys renamed in a channel (by current channel id): released key → current key. */
  messageKeys: Map<string, Map<string, string>>;
}

/** Records a change at a place (and field under it), its description led by the path. */
function report(d: Diffing, type: ChangeType, place: Place, text: string, field: string[] = []): void {
  const where = place.shown || field.join(".");
  d.changes.push({ type, description: `${where}: ${text}`, path: [...place.path, ...field] });
}

/** A value as the descriptions show it: strings bare, lists in brackets, objects as `{…}`. */
function text(value: unknown): string {
  if (value === undefined) return "none";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(text).join(", ")}]`;
  if (isObject(value)) return "{…}";
  return JSON.stringify(value);
}

/** `[Added] key value`, `[Removed] key value` or `[Replaced] key before → after`. */
function changed(key: string, before: unknown, after: unknown): string {
  if (before === undefined) return `[Added] ${key} ${text(after)}`;
  if (after === undefined) return `[Removed] ${key} ${text(before)}`;
  return `[Replaced] ${key} ${text(before)} → ${text(after)}`;
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const asObject = (value: unknown): JsonObject => (isObject(value) ? value : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A node with its `$ref`s followed; a missing node as `{}`, a `$ref` that names nothing as itself. */
function resolved(root: unknown, node: unknown): JsonObject {
  const { node: target, ref } = follow(root, node);
  if (target === undefined && ref !== undefined) return { $ref: ref };
  return asObject(target);
}

/**
 * The keys of two nodes that the caller does not compare itself: an annotation when they only
 * describe, `unknown` (breaking, to be safe) otherwise; `x-` extensions unclassified.
 */
function others(
  d: Diffing,
  before: JsonObject,
  after: JsonObject,
  place: Place,
  handled: Set<string>,
  unknown: ChangeType,
) {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (handled.has(key)) continue;
    const [b, a] = [dereference(d.before, before[key]), dereference(d.after, after[key])];
    if (same(b, a)) continue;
    const verb = b === undefined ? "Added" : a === undefined ? "Removed" : "Replaced";
    if (key === "deprecated") report(d, a === true ? "deprecated" : "annotation", place, changed(key, b, a), [key]);
    else if (ANNOTATIONS.has(key)) report(d, "annotation", place, `[${verb}] ${key}`, [key]);
    else if (key.startsWith("x-")) report(d, "unclassified", place, `[${verb}] ${key}`, [key]);
    else {
      const why = unknown === "breaking" ? " (not classified by the gate: breaking, to be safe)" : "";
      report(d, unknown, place, `[${verb}] ${key}${why}`, [key]);
    }
  }
}

/** An `enum` (of a schema or a channel parameter): narrowed is breaking, widened is not. */
function compareEnum(d: Diffing, before: unknown, after: unknown, place: Place): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    report(d, "breaking", place, `[Added] enum ${text(after)}: narrowed`, ["enum"]);
    return;
  }
  if (after === undefined) {
    report(d, "non-breaking", place, `[Removed] enum ${text(before)}: widened`, ["enum"]);
    return;
  }
  const [b, a] = [asArray(before), asArray(after)];
  for (const value of b) {
    if (!a.some((v) => same(v, value))) {
      report(d, "breaking", place, `[Removed] enum value ${JSON.stringify(value)}`, ["enum"]);
    }
  }
  for (const value of a) {
    if (!b.some((v) => same(v, value))) {
      report(d, "non-breaking", place, `[Added] enum value ${JSON.stringify(value)}`, ["enum"]);
    }
  }
}

/** A schema as an object: `true` accepts anything (`{}`), `false` nothing (`{ not: {} }`). */
function schemaObject(root: unknown, node: unknown): JsonObject {
  const { node: target } = follow(root, node);
  if (target === true || (target === undefined && node === undefined)) return {};
  if (target === false) return { not: {} };
  return resolved(root, node);
}

/** The numeric bounds: tightened (or newly set) is breaking, loosened (or dropped) is not. */
function compareBounds(d: Diffing, b: JsonObject, a: JsonObject, place: Place): void {
  for (const [keys, tighter] of [
    [UPPER_BOUNDS, (x: number, y: number) => y < x],
    [LOWER_BOUNDS, (x: number, y: number) => y > x],
  ] as const) {
    for (const key of keys) {
      const [before, after] = [b[key], a[key]];
      if (same(before, after)) continue;
      const narrowed =
        after !== undefined &&
        (before === undefined || typeof before !== "number" || typeof after !== "number" || tighter(before, after));
      report(d, narrowed ? "breaking" : "non-breaking", place, changed(key, before, after), [key]);
    }
  }
}

/** Where `additionalProperties` allows: open (absent or true), closed (false), or a schema. */
const openness = (value: unknown) => (value === false ? "closed" : isObject(value) ? "schema" : "open");

/** Two versions of a schema, recursively (properties, items, additionalProperties, allOf/anyOf/oneOf). */
function compareSchema(
  d: Diffing,
  before: unknown,
  after: unknown,
  place: Place,
  stack: Array<[unknown, unknown]> = [],
): void {
  const [b, a] = [schemaObject(d.before, before), schemaObject(d.after, after)];
  // A recursive schema: this pair is being compared further up.
  if (stack.some(([x, y]) => x === b && y === a)) return;
  stack.push([b, a]);
  const recurse = (x: unknown, y: unknown, at: Place) => compareSchema(d, x, y, at, stack);

  const types = (s: JsonObject) =>
    s.type === undefined ? undefined : [s.type].flat().map(String).sort().join(", ") || undefined;
  if (types(b) !== types(a)) report(d, "breaking", place, changed("type", b.type, a.type), ["type"]);
  if (!same(b.format, a.format)) report(d, "breaking", place, changed("format", b.format, a.format), ["format"]);
  if (!same(b["x-proto-message"], a["x-proto-message"])) {
    const text = changed("x-proto-message", b["x-proto-message"], a["x-proto-message"]);
    report(d, "breaking", place, `${text}: protobuf peers decode another message`, ["x-proto-message"]);
  }

  // Properties: removed is breaking (receivers lose it), added optional is not.
  const [bp, ap] = [asObject(b.properties), asObject(a.properties)];
  const [br, ar] = [asArray(b.required).map(String), asArray(a.required).map(String)];
  for (const name of Object.keys(bp)) {
    if (name in ap) recurse(bp[name], ap[name], place.at("properties", name));
    else report(d, "breaking", place.at("properties", name), `[Removed] property ${name}`);
  }
  for (const name of Object.keys(ap)) {
    if (!(name in bp)) {
      const what = ar.includes(name) ? "property" : "optional property";
      report(d, "non-breaking", place.at("properties", name), `[Added] ${what} ${name}`);
    }
  }
  for (const name of ar) {
    if (!br.includes(name)) {
      report(d, "breaking", place, `[Added] required property ${name}: publishers may leave it out`, ["required"]);
    }
  }
  for (const name of br) {
    const removed = name in bp && !(name in ap);
    if (!ar.includes(name) && !removed) {
      report(d, "breaking", place, `[Removed] required property ${name}: receivers may rely on it`, ["required"]);
    }
  }

  compareEnum(d, b.enum, a.enum, place);
  if (!same(b.const, a.const)) {
    report(d, a.const === undefined ? "non-breaking" : "breaking", place, changed("const", b.const, a.const), [
      "const",
    ]);
  }
  compareBounds(d, b, a, place);
  for (const key of ["pattern", "multipleOf", "not"]) {
    if (same(b[key], a[key])) continue;
    report(d, a[key] === undefined ? "non-breaking" : "breaking", place, changed(key, b[key], a[key]), [key]);
  }
  if (!same(b.uniqueItems, a.uniqueItems)) {
    const narrowed = a.uniqueItems === true;
    report(d, narrowed ? "breaking" : "non-breaking", place, changed("uniqueItems", b.uniqueItems, a.uniqueItems), [
      "uniqueItems",
    ]);
  }

  const [bo, ao] = [openness(b.additionalProperties), openness(a.additionalProperties)];
  if (bo === "schema" || ao === "schema") {
    if (bo === "closed" || ao === "closed") {
      const narrowed = ao === "closed";
      report(
        d,
        narrowed ? "breaking" : "non-breaking",
        place,
        changed("additionalProperties", b.additionalProperties, a.additionalProperties),
        ["additionalProperties"],
      );
    } else recurse(b.additionalProperties, a.additionalProperties, place.at("additionalProperties"));
  } else if (bo !== ao) {
    const narrowed = ao === "closed";
    const why = narrowed ? ": properties it does not list are refused" : ": widened";
    report(
      d,
      narrowed ? "breaking" : "non-breaking",
      place,
      `${changed("additionalProperties", b.additionalProperties, a.additionalProperties)}${why}`,
      ["additionalProperties"],
    );
  }

  if (Array.isArray(b.items) || Array.isArray(a.items)) {
    if (!Array.isArray(b.items) || !Array.isArray(a.items)) {
      if (!same(b.items, a.items)) report(d, "breaking", place, changed("items", b.items, a.items), ["items"]);
    } else {
      const count = Math.max(b.items.length, a.items.length);
      for (let i = 0; i < count; i++) recurse(b.items[i], a.items[i], place.at("items", i));
    }
  } else if (b.items !== undefined || a.items !== undefined) recurse(b.items, a.items, place.at("items"));

  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const [bl, al] = [asArray(b[key]), asArray(a[key])];
    for (let i = 0; i < Math.min(bl.length, al.length); i++) recurse(bl[i], al[i], place.at(key, i));
    for (let i = al.length; i < bl.length; i++) report(d, "breaking", place.at(key, i), `[Removed] ${key}[${i}]`);
    for (let i = bl.length; i < al.length; i++) {
      // One more schema to match: narrower for allOf, wider for anyOf and oneOf.
      report(d, key === "allOf" ? "breaking" : "non-breaking", place.at(key, i), `[Added] ${key}[${i}]`);
    }
  }

  others(d, b, a, place, SCHEMA_KEYWORDS, "breaking");
  stack.pop();
}

/** The key of `components.messages` a channel's message is a `$ref` to, or undefined. */
function componentKey(node: unknown): string | undefined {
  const ref = isObject(node) && typeof node.$ref === "string" ? node.$ref : "";
  return /^#\/components\/messages\/([^/]+)$/.exec(ref)?.[1];
}

/** A message's content type: its own, or the document's `defaultContentType`. */
const contentType = (root: unknown, message: JsonObject) => message.contentType ?? asObject(root).defaultContentType;

/** A message payload: a schema, or a multi-format schema (`{ schemaFormat, schema }`). */
function comparePayload(d: Diffing, before: unknown, after: unknown, place: Place): void {
  if (before === undefined && after === undefined) return;
  const [b, a] = [resolved(d.before, before), resolved(d.after, after)];
  const multi = (node: JsonObject) => "schemaFormat" in node && "schema" in node;
  if (!multi(b) && !multi(a)) {
    compareSchema(d, before, after, place);
    return;
  }
  if (!same(b.schemaFormat, a.schemaFormat)) {
    report(d, "breaking", place, changed("schemaFormat", b.schemaFormat, a.schemaFormat), ["schemaFormat"]);
  }
  compareSchema(d, multi(b) ? b.schema : before, multi(a) ? a.schema : after, place.at("schema"));
}

/** A message of a channel: its component, name, content type, protobuf message, payload and headers. */
function compareMessage(d: Diffing, before: unknown, after: unknown, place: Place): void {
  const [bKey, aKey] = [componentKey(before), componentKey(after)];
  if (bKey !== undefined && aKey !== undefined && bKey !== aKey) {
    report(d, "breaking", place, `[Renamed] components.messages.${bKey} → components.messages.${aKey}`);
  }
  const [b, a] = [resolved(d.before, before), resolved(d.after, after)];
  if (!same(b.name, a.name)) {
    const type = b.name === undefined ? "non-breaking" : "breaking";
    const how = b.name !== undefined && a.name !== undefined ? `[Renamed] name ${b.name} → ${a.name}` : "";
    report(d, type, place, how || changed("name", b.name, a.name), ["name"]);
  }
  const [bType, aType] = [contentType(d.before, b), contentType(d.after, a)];
  if (!same(bType, aType)) report(d, "breaking", place, changed("contentType", bType, aType), ["contentType"]);
  if (!same(b["x-proto-message"], a["x-proto-message"])) {
    const text = changed("x-proto-message", b["x-proto-message"], a["x-proto-message"]);
    report(d, "breaking", place, `${text}: protobuf peers decode another message`, ["x-proto-message"]);
  }
  comparePayload(d, b.payload, a.payload, place.at("payload"));
  if (b.headers !== undefined || a.headers !== undefined) compareSchema(d, b.headers, a.headers, place.at("headers"));
  others(d, b, a, place, MESSAGE_KEYWORDS, "breaking");
}

/** The messages of a channel: matched by key; a key renamed for the same component or name is a rename. */
function compareChannelMessages(d: Diffing, b: JsonObject, a: JsonObject, place: Place, channelId: string): void {
  const [bm, am] = [asObject(b.messages), asObject(a.messages)];
  const renamed = new Map<string, string>();
  const identity = (root: unknown, node: unknown) => ({
    component: componentKey(node),
    name: resolved(root, node).name,
  });
  for (const key of Object.keys(bm)) {
    if (key in am) continue;
    const was = identity(d.before, bm[key]);
    const now = Object.keys(am).find((k) => {
      if (k in bm || [...renamed.values()].includes(k)) return false;
      const is = identity(d.after, am[k]);
      return (
        (was.component !== undefined && was.component === is.component) ||
        (was.name !== undefined && was.name === is.name)
      );
    });
    if (now !== undefined) renamed.set(key, now);
  }
  d.messageKeys.set(channelId, renamed);
  const nameOf = (root: unknown, node: unknown) => resolved(root, node).name;
  for (const key of Object.keys(bm)) {
    const now = key in am ? key : renamed.get(key);
    if (now === undefined) {
      const at = place.at("messages", key).named(nameOf(d.before, bm[key]));
      report(d, "breaking", at, `[Removed] message ${key}`);
      continue;
    }
    const at = place.at("messages", now).named(nameOf(d.after, am[now]));
    if (now !== key) report(d, "breaking", at, `[Renamed] message ${key} → ${now}`);
    compareMessage(d, bm[key], am[now], at);
  }
  for (const key of Object.keys(am)) {
    if (key in bm || [...renamed.values()].includes(key)) continue;
    report(d, "non-breaking", place.at("messages", key).named(nameOf(d.after, am[key])), `[Added] message ${key}`);
  }
}

/** The parameters of a channel: removed or enum narrowed is breaking. */
function compareParameters(d: Diffing, b: JsonObject, a: JsonObject, place: Place): void {
  const [bp, ap] = [asObject(b.parameters), asObject(a.parameters)];
  for (const name of Object.keys(bp)) {
    const at = place.at("parameters", name);
    if (!(name in ap)) {
      report(d, "breaking", at, `[Removed] parameter ${name}`);
      continue;
    }
    const [bParameter, aParameter] = [resolved(d.before, bp[name]), resolved(d.after, ap[name])];
    compareEnum(d, bParameter.enum, aParameter.enum, at);
    if (!same(bParameter.location, aParameter.location)) {
      report(d, "breaking", at, changed("location", bParameter.location, aParameter.location), ["location"]);
    }
    others(d, bParameter, aParameter, at, PARAMETER_KEYWORDS, "breaking");
  }
  for (const name of Object.keys(ap)) {
    if (!(name in bp)) report(d, "non-breaking", place.at("parameters", name), `[Added] parameter ${name}`);
  }
}

/** Two versions of one channel (the same id, or another id for the same address). */
function compareChannel(d: Diffing, beforeId: string, afterId: string): void {
  const b = resolved(d.before, asObject(asObject(d.before).channels)[beforeId]);
  const a = resolved(d.after, asObject(asObject(d.after).channels)[afterId]);
  const place = TOP.at("channels", afterId);
  if (beforeId !== afterId) {
    report(d, "non-breaking", place, `[Renamed] channel id ${beforeId} → ${afterId}, address ${text(a.address)} kept`);
  }
  if (!same(b.address, a.address)) {
    report(d, "breaking", place.at("address"), `[Renamed] ${text(b.address)} → ${text(a.address)}`);
  }
  compareParameters(d, b, a, place);
  compareChannelMessages(d, b, a, place, afterId);
  others(d, b, a, place, CHANNEL_KEYWORDS, "breaking");
}

/** The channels, matched by id; a channel whose id changed but whose address did not is the same channel. */
function compareChannels(d: Diffing): void {
  const [bc, ac] = [asObject(asObject(d.before).channels), asObject(asObject(d.after).channels)];
  const addressOf = (root: unknown, node: unknown) => resolved(root, node).address;
  for (const id of Object.keys(bc)) {
    if (id in ac) continue;
    const address = addressOf(d.before, bc[id]);
    const now = Object.keys(ac).find(
      (k) =>
        !(k in bc) &&
        ![...d.channelIds.values()].includes(k) &&
        typeof address === "string" &&
        addressOf(d.after, ac[k]) === address,
    );
    if (now !== undefined) d.channelIds.set(id, now);
  }
  for (const id of Object.keys(bc)) {
    const now = id in ac ? id : d.channelIds.get(id);
    if (now !== undefined) compareChannel(d, id, now);
    else
      report(d, "breaking", TOP.at("channels", id), `[Removed] channel ${id} (${text(addressOf(d.before, bc[id]))})`);
  }
  for (const id of Object.keys(ac)) {
    if (id in bc || [...d.channelIds.values()].includes(id)) continue;
    report(d, "non-breaking", TOP.at("channels", id), `[Added] channel ${id} (${text(addressOf(d.after, ac[id]))})`);
  }
}

/** The channel id an operation's `channel` names (`#/channels/chatReply` → chatReply). */
const channelIdOf = (node: unknown) =>
  /^#\/channels\/([^/]+)$/.exec(isObject(node) && typeof node.$ref === "string" ? node.$ref : "")?.[1];

/** The keys of the channel messages an operation names; all the channel's when it names none. */
function operationMessages(root: unknown, operation: JsonObject, channelId: string | undefined): string[] {
  if (operation.messages === undefined) {
    return Object.keys(asObject(resolved(root, asObject(asObject(root).channels)[channelId ?? ""]).messages));
  }
  return asArray(operation.messages).map((node) => {
    const ref = isObject(node) && typeof node.$ref === "string" ? node.$ref : "";
    return ref.slice(ref.lastIndexOf("/") + 1);
  });
}

/** `send on chatReply` */
const summaryOf = (operation: JsonObject) =>
  `${text(operation.action)} on ${channelIdOf(operation.channel) ?? text(operation.channel)}`;

/** The operations, matched by id: removed, another action or another channel is breaking. */
function compareOperations(d: Diffing): void {
  const [bo, ao] = [asObject(asObject(d.before).operations), asObject(asObject(d.after).operations)];
  for (const id of Object.keys(bo)) {
    const place = TOP.at("operations", id);
    const b = resolved(d.before, bo[id]);
    if (!(id in ao)) {
      report(d, "breaking", place, `[Removed] operation ${id} (${summaryOf(b)})`);
      continue;
    }
    const a = resolved(d.after, ao[id]);
    if (!same(b.action, a.action)) report(d, "breaking", place, changed("action", b.action, a.action), ["action"]);
    const [bChannel, aChannel] = [channelIdOf(b.channel), channelIdOf(a.channel)];
    const mapped = bChannel === undefined ? undefined : (d.channelIds.get(bChannel) ?? bChannel);
    const moved =
      mapped === undefined || aChannel === undefined
        ? !same(dereference(d.before, b.channel), dereference(d.after, a.channel))
        : mapped !== aChannel;
    if (moved) report(d, "breaking", place, changed("channel", bChannel, aChannel), ["channel"]);
    const keys = d.messageKeys.get(aChannel ?? "") ?? new Map<string, string>();
    const was = operationMessages(d.before, b, bChannel).map((key) => keys.get(key) ?? key);
    const now = operationMessages(d.after, a, aChannel);
    for (const key of was.filter((k) => !now.includes(k))) {
      report(d, "breaking", place, `[Removed] message ${key}`, ["messages"]);
    }
    for (const key of now.filter((k) => !was.includes(k))) {
      report(d, "non-breaking", place, `[Added] message ${key}`, ["messages"]);
    }
    others(d, b, a, place, OPERATION_KEYWORDS, "breaking");
  }
  for (const id of Object.keys(ao)) {
    if (!(id in bo)) {
      report(
        d,
        "non-breaking",
        TOP.at("operations", id),
        `[Added] operation ${id} (${summaryOf(resolved(d.after, ao[id]))})`,
      );
    }
  }
}

/** The parts outside channels and operations: info (annotations), servers, security schemes… (unclassified). */
function compareRest(d: Diffing): void {
  const [b, a] = [asObject(d.before), asObject(d.after)];
  const [bInfo, aInfo] = [asObject(b.info), asObject(a.info)];
  for (const key of new Set([...Object.keys(bInfo), ...Object.keys(aInfo)])) {
    if (!same(bInfo[key], aInfo[key])) {
      report(d, "annotation", TOP.at("info"), changed(key, shortOrNot(bInfo[key]), shortOrNot(aInfo[key])), [key]);
    }
  }
  others(d, b, a, TOP, TOP_LEVEL_KEYWORDS, "unclassified");
  others(d, asObject(b.servers), asObject(a.servers), TOP.at("servers"), new Set(), "unclassified");
  const [bComponents, aComponents] = [asObject(b.components), asObject(a.components)];
  for (const key of STANDALONE_COMPONENTS) {
    others(
      d,
      asObject(bComponents[key]),
      asObject(aComponents[key]),
      TOP.at("components", key),
      new Set(),
      "unclassified",
    );
  }
}

/** A value short enough to show (a version, a title), or `{…}` for a long text. */
const shortOrNot = (value: unknown) => (typeof value === "string" && value.length > 60 ? "{…}" : value);

/** The major of an `asyncapi` field (`3.0.0` → `3`). */
const majorOf = (doc: unknown) => String(asObject(doc).asyncapi ?? "").split(".")[0];

/**
 * The changes from one version of an AsyncAPI 3 document to the next, classified for a bus on which
 * every service may both publish and receive: channels matched by id (an address renamed, or a channel
 * whose id changed with its address kept), then their parameters, messages (component, name, content
 * type, `x-proto-message`) and payload schemas, recursively; then the operations. Each description
 * names the document path and the field:
 * `channels.chatReply.messages.reply (Reply).payload.properties.thread: [Removed] property thread`.
 */
export function diffAsyncApi(before: unknown, after: unknown): Change[] {
  const d: Diffing = { before, after, changes: [], channelIds: new Map(), messageKeys: new Map() };
  if (majorOf(before) !== "3" || majorOf(after) !== "3") {
    const versions = `${text(asObject(before).asyncapi)} → ${text(asObject(after).asyncapi)}`;
    report(d, "breaking", TOP.at("asyncapi"), `[Unsupported] asyncapi ${versions}: the gate compares AsyncAPI 3 only`);
    return d.changes;
  }
  compareChannels(d);
  compareOperations(d);
  compareRest(d);
  return d.changes;
}
