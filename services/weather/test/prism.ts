import { fileURLToPath } from "node:url";
import { startPrism } from "@jeeves/prism";

/** Our description of OpenWeatherMap, which the mock answers from. */
export const OPENWEATHERMAP_SPEC = fileURLToPath(
  new URL("../../../specs/openapi/external/openweathermap.yaml", import.meta.url),
);

/** A running `prism mock`. */
export interface PrismMock {
  url: string;
  close(): Promise<void>;
}

/** Starts Prism on `spec` (default our OpenWeatherMap description), validating every request. */
export async function startPrismMock(spec = OPENWEATHERMAP_SPEC): Promise<PrismMock> {
  const prism = await startPrism(spec);
  return { url: prism.url, close: () => prism.stop() };
}

/**
 * A fetch that adds `Prefer: <prefer()>` to each request when it answers something (`code=404`,
 * `example=new_york_imperial`), so a test picks Prism's answer, and keeps Prism's `sl-violations`
 * header (requests it found invalid) in `violations`.
 */
export function preferFetch(prefer: () => string | undefined) {
  const violations: string[] = [];
  const send = async (input: Request): Promise<Response> => {
    const value = prefer();
    const headers = new Headers(input.headers);
    if (value) headers.set("Prefer", value);
    const response = await fetch(new Request(input, { headers }));
    const violation = response.headers.get("sl-violations");
    if (violation) violations.push(violation);
    return response;
  };
  return { fetch: send, violations };
}
