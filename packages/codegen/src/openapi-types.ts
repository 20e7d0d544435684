import openapiTS, { astToString } from "openapi-typescript";
import { banner } from "./banner.ts";
import type { SpecFile } from "./spec-files.ts";

/** Renders openapi-typescript's `paths`, `components` and `operations` types for one spec. */
export async function renderOpenapiTypes(spec: SpecFile): Promise<string> {
  const ast = await openapiTS(spec.text, { exportType: false, alphabetize: false });
  return banner(spec.source) + astToString(ast);
}
