/** One media range of an Accept header. */
export interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  /** Position in the header, to break ties. */
  index: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Parses an Accept header into media ranges, q defaulting to 1. Malformed entries are dropped: a range
 * that is not `type/subtype` of tokens, `*` with a concrete subtype, or a q that is not a qvalue
 * (0 to 1 with at most three decimals).
 */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  header.split(",").forEach((part, index) => {
    const [range, ...params] = part.split(";").map((s) => s.trim());
    const pieces = range.toLowerCase().split("/");
    if (pieces.length !== 2) return;
    const [type, subtype] = pieces;
    if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === "*" && subtype !== "*")) return;
    let q = 1;
    for (const param of params) {
      const [name, value = ""] = param.split("=").map((s) => s.trim());
      if (name.toLowerCase() !== "q") continue;
      if (!QVALUE.test(value)) return;
      q = Number(value);
    }
    ranges.push({ type, subtype, q, index });
  });
  return ranges;
}

function specificity(range: MediaRange, type: string, subtype: string): number {
  if (range.type === type && range.subtype === subtype) return 3;
  if (range.type === type && range.subtype === "*") return 2;
  if (range.type === "*" && range.subtype === "*") return 1;
  return 0;
}

/** Accept headers longer than this are negotiated afresh each time (never cached). */
const CACHED_ACCEPT_LENGTH = 256;
/** How many Accept headers are remembered per offered list before the list's cache starts over. */
const CACHED_ACCEPTS = 64;
/** Per offered list (an operation's, the same array on every request): Accept header -> choice. */
const choices = new WeakMap<readonly string[], Map<string, string | undefined>>();

/**
 * Picks the offered media type the Accept header prefers (RFC 9110 §12.5.1): the most specific
 * matching range sets each type's q; highest q wins, then the server's order. No header: the first
 * offered type. Nothing acceptable: undefined (the caller answers 406). The choice is remembered per
 * offered array and header (clients send the same few headers), so a request does not parse it again.
 */
export function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (offered.length === 0) return undefined;
  if (accept === undefined || accept.trim() === "") return offered[0];
  if (accept.length > CACHED_ACCEPT_LENGTH) return choose(accept, offered);
  let known = choices.get(offered);
  if (!known) {
    known = new Map();
    choices.set(offered, known);
  }
  if (known.has(accept)) return known.get(accept);
  const chosen = choose(accept, offered);
  if (known.size >= CACHED_ACCEPTS) known.clear();
  known.set(accept, chosen);
  return chosen;
}

function choose(accept: string, offered: readonly string[]): string | undefined {
  const ranges = parseAccept(accept);
  let best: string | undefined;
  let bestQ = 0;
  for (const candidate of offered) {
    // An offered type may carry parameters (`text/plain; version=0.0.4`): its essence is matched.
    const [type, subtype] = candidate.toLowerCase().split(";")[0].trim().split("/");
    let q = -1;
    let spec = 0;
    for (const range of ranges) {
      const s = specificity(range, type, subtype);
      if (s > spec) {
        spec = s;
        q = range.q;
      }
    }
    if (q > bestQ) {
      best = candidate;
      bestQ = q;
    }
  }
  return best;
}
