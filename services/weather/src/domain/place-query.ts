import type { Units } from "./units.ts";

/** What OpenWeatherMap is asked for: a place by name (`q`), or coordinates. */
export type PlaceQuery = { q: string } | { lat: number; lon: number };

const COORDINATES = /^([+-]?\d{1,3}(?:\.\d+)?),([+-]?\d{1,3}(?:\.\d+)?)$/;

/**
 * Reads a location as people write it. Whitespace is trimmed and collapsed, and spaces around commas
 * dropped (`Saint-Denis , FR` → `Saint-Denis,FR`, OpenWeatherMap's form); `lat,lon` in range becomes
 * coordinates (`52.52, 13.41`), anything else is a place name, its case kept.
 */
export function placeQuery(location: string): PlaceQuery {
  const text = location.normalize("NFC").trim().replace(/\s+/g, " ").replace(/ ?, ?/g, ",");
  const match = COORDINATES.exec(text);
  if (match) {
    const lat = Number(match[1]);
    const lon = Number(match[2]);
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
  }
  return { q: text };
}

/** The cache key of a query in some units: the place name case-folded, so `Berlin` and ` BERLIN ` share one. */
export function cacheKey(query: PlaceQuery, units: Units): string {
  return "q" in query ? `${units} q ${query.q.toLowerCase()}` : `${units} @ ${query.lat},${query.lon}`;
}

/** The query as one line of text, for messages (`Berlin`, `52.52,13.41`). */
export function describeQuery(query: PlaceQuery): string {
  return "q" in query ? query.q : `${query.lat},${query.lon}`;
}
