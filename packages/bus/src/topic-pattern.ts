/** Checks a routing key: dot-separated words, no wildcards, at most 255 bytes. */
export function assertRoutingKey(routingKey: string): void {
  if (typeof routingKey !== "string" || routingKey === "" || Buffer.byteLength(routingKey) > 255) {
    throw new Error(`bus: invalid routing key ${JSON.stringify(routingKey)}`);
  }
  if (/[*#]/.test(routingKey)) throw new Error(`bus: a routing key has no wildcards: ${routingKey}`);
}

/** Checks a binding pattern: dot-separated words, `*` or `#` only as whole words. */
export function assertPattern(pattern: string): void {
  if (typeof pattern !== "string" || pattern === "" || Buffer.byteLength(pattern) > 255) {
    throw new Error(`bus: invalid pattern ${JSON.stringify(pattern)}`);
  }
  for (const word of pattern.split(".")) {
    if (/[*#]/.test(word) && word !== "*" && word !== "#") {
      throw new Error(`bus: wildcards must be whole words in ${pattern}`);
    }
  }
}

/** Checks a subscription: a valid pattern, and a group name that can name a queue (no wildcards). */
export function assertSubscription(pattern: string, group: string): void {
  assertPattern(pattern);
  if (!group || group.includes("#") || group.includes("*")) throw new Error(`bus: invalid group ${group}`);
}

/** True when `routingKey` matches the AMQP topic `pattern` (`*` exactly one word, `#` zero or more). */
export function topicMatches(pattern: string, routingKey: string): boolean {
  return matchWords(pattern.split("."), 0, routingKey.split("."), 0);
}

function matchWords(pattern: string[], p: number, key: string[], k: number): boolean {
  if (p === pattern.length) return k === key.length;
  const word = pattern[p];
  if (word === "#") {
    for (let skip = k; skip <= key.length; skip++) if (matchWords(pattern, p + 1, key, skip)) return true;
    return false;
  }
  if (k === key.length) return false;
  return (word === "*" || word === key[k]) && matchWords(pattern, p + 1, key, k + 1);
}
