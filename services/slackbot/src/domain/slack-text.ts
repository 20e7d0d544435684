const CONTROL = /[&<>]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Escapes plain text for a Slack message: `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;` (Slack's
 * three control characters), so that nothing in it reads as a link, a mention or an entity. Mrkdwn
 * (`*bold*`, `` `code` ``, `•`) is kept. Replies on the bus are plain text; this is done once, when a
 * reply is posted to Slack (the local chat shows them as they are).
 */
export function encodeSlackText(text: string): string {
  return text.replace(CONTROL, (character) => ESCAPES[character]);
}
