/** A Slack link `<https://x|label>` or `<mailto:a@b.c>`: a URL scheme, then an optional label. */
const LINK = /<([a-z][a-z0-9+.-]*:[^|>]*)(?:\|([^>]*))?>/gi;
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
