import { type BodyType, type Encoding, MEDIA_TYPE_OF, PROBLEM_TYPE } from "@jeeves/codecs";

/** How a client puts bodies on the wire. */
export interface WireSettings {
  /** The media type request bodies are sent in and responses are asked for. */
  mediaType: BodyType;
  /** Whether request bodies are gzip-compressed and gzip responses are asked for. */
  gzip: boolean;
}

/** The wire settings of an encoding name (JSON when none is given). */
export function wireSettings(encoding: Encoding = "json", gzip = false): WireSettings {
  if (!Object.hasOwn(MEDIA_TYPE_OF, encoding))
    throw new Error(`unknown encoding ${String(encoding)}: use json, msgpack or protobuf`);
  return { mediaType: MEDIA_TYPE_OF[encoding], gzip };
}

/** The Accept header a client sends: its body type first, problem details for errors. */
export function acceptHeader(settings: WireSettings): string {
  return `${settings.mediaType}, ${PROBLEM_TYPE};q=0.9`;
}
