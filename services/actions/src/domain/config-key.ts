/** A configuration key once lower-cased: a letter, then up to 63 letters, digits, `_`, `.` or `-`. */
export const CONFIG_KEY = /^[a-z][a-z0-9_.-]{0,63}$/;

/**
 * Lower-cases a configuration key as written and checks it: `{ key }` when it is valid, otherwise
 * `{ reason }`, a sentence for the person who wrote it.
 */
export function checkConfigKey(written: string): { key: string } | { reason: string } {
  const key = written.toLowerCase();
  if (CONFIG_KEY.test(key)) return { key };
  if (written.includes("=")) {
    // `config set token=abc` would echo a possible secret back: describe the mistake instead.
    return { reason: "Put a space between the key and the value, not `=`: `config set <key> <value>`." };
  }
  const shown = written.length > 64 ? `${written.slice(0, 64)}…` : written;
  return {
    reason: `\`${shown}\` is not a valid config key: a key starts with a letter and has at most 64 letters, digits, \`_\`, \`.\` or \`-\`.`,
  };
}
