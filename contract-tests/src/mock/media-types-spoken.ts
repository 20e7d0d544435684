import type { SpecIndex } from "@jeeves/codecs";

/** Every media type a spec's operations take or answer, sorted: what a mock of it speaks. */
export function mediaTypesSpoken(index: SpecIndex): string[] {
  const types = new Set<string>();
  for (const operation of index.byRoute.values()) {
    for (const type of operation.requestBody?.mediaTypes ?? []) types.add(type);
    for (const response of Object.values(operation.responses)) for (const type of response.mediaTypes) types.add(type);
  }
  return [...types].sort();
}
