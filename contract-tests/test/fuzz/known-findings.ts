/**
 * Failure classes the fuzzer found that are being fixed elsewhere (issue 10's other branches): the
 * failure message names who owns each, so a red run points at the fix rather than at the fuzzer.
 */
export const KNOWN_FINDINGS: Array<[RegExp, string]> = [
  [/FST_ERR_BAD_URL|FST_ERR_MAX_PARAM_LENGTH| 414 /, "service kit (branch B): bad URLs and 414 as problem+json"],
  [/ 431 /, "service kit (branch B): 431 as problem+json"],
  [/before routing · 400 application\/json/, "service kit (branch B): fastify's clientError answer as problem+json"],
  [/invalid body accepted/, "service kit (branch B): no type coercion of bodies"],
  [/5xx · .* · 500 /, "see the report: an empty body (branch B) or a new bug"],
];
