const TIME = /^(\d{1,2}):(\d{2})$/;

/**
 * Reads a 24-hour time of day, `HH:MM` or `H:MM` (spaces around it are ignored), as minutes since
 * midnight (0–1439); `undefined` when the text is not one (`24:00`, `7:5`, `7.30` and `7:30pm` are not).
 */
export function parseTimeOfDay(text: string): number | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** Minutes since midnight (0–1439) as `HH:MM`: 450 is `07:30`. */
export function formatTimeOfDay(minutes: number): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
