import type { components } from "@jeeves/generated/openapi/dashboard";

/** A greeting, as the spec describes it (the generated type of its `Greeting` schema). */
export type Greeting = components["schemas"]["Greeting"];

/** Who is greeted when nobody is named. */
export const DEFAULT_NAME = "world";

/** Greets `name`, trimmed; {@link DEFAULT_NAME} when there is none. */
export function greet(name: string | undefined): Greeting {
  const who = name?.trim() || DEFAULT_NAME;
  return { name: who, text: `Hello, ${who}!` };
}
