const ANY_MENTION = /^<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
const AFTER_MENTION = /^\s*[:,]?\s*/;
/** The prefix word `jeeves` (optionally `@jeeves`), then `,` or `:` and whitespace, or the end. */
const PREFIX_WORD = /^@?jeeves(?:\s*[,:]\s*|\s+|$)/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Removes how a message addresses Jeeves, as prefixes (never as sets of characters): surrounding
 * whitespace, one leading mention (`<@BOTID>`, `<@BOTID|name>` or any `<@U…>`, then an optional `:`
 * or `,`), then a leading word `jeeves` / `jeeves,` / `jeeves:` (any case). `jeevesweather` keeps its
 * prefix, since `jeeves` is not a word of its own there.
 */
export function stripAddress(text: string, botUserId?: string): string {
  let rest = text.trim();
  const bot = botUserId ? new RegExp(`^<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`) : undefined;
  const mention = bot?.exec(rest) || ANY_MENTION.exec(rest);
  if (mention) rest = rest.slice(mention[0].length).replace(AFTER_MENTION, "");
  return rest.replace(PREFIX_WORD, "").trim();
}
