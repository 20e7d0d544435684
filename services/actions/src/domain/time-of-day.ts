const TIME = /^(\d{1,2}):(\d{2})$/;

/**
 * Reads a 24-hour time of day, `HH:MM` or `H:MM`, and returns it as `HH:MM`; `undefined` when the
 * text is not one (`24:00`, `7:5`, `7.30` and `7:30pm` are not).
 */
export function parseTimeOfDay(text: string): string | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${match[2]}`;
}
