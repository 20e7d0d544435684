/**
 * A Slack link `<https://x|label>` or `<mailto:a@b.c>`: a URL scheme, then an optional label. Neither holds
 * a `<` (Slack sends it as `&lt;`), which keeps the search linear: with `[^|>]*`, each `<` of `<a:<a:<a:…`
 * would scan to the end of the text (quadratic, and eslint-plugin-regexp does not see it).
 */
const LINK = /<([a-z][a-z0-9+.-]*:[^|<>]*)(?:\|([^<>]*))?>/gi;
const ENTITY = /&(amp|lt|gt);/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

/**
 * Turns Slack-formatted text into plain text: links become their label (or their URL when they have
 * none), then `&amp;`, `&lt;` and `&gt;` are decoded, in one pass (so `&amp;lt;` becomes `&lt;`).
 * User and channel mentions (`<@U…>`, `<#C…>`) are left as they are.
 */
export function decodeSlackText(text: string): string {
  return text
    .replace(LINK, (_, url: string, label?: string) => label ?? url)
    .replace(ENTITY, (_, name) => ENTITIES[name]);
}
