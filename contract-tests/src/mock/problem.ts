import type { ServerResponse } from "node:http";
import { PROBLEM_TYPE } from "@jeeves/codecs";

/**
 * Answers a problem+json of the mock's front itself (not of Prism): its `type` is
 * `urn:jeeves:mock:<reason>`, so a test can tell the front's refusals from the spec's.
 */
export function sendFrontProblem(reply: ServerResponse, status: number, reason: string, detail: string): void {
  const body = Buffer.from(
    JSON.stringify({ type: `urn:jeeves:mock:${reason}`, title: reason.replace(/-/g, " "), status, detail }),
  );
  reply.writeHead(status, { "content-type": PROBLEM_TYPE, "content-length": String(body.length) });
  reply.end(body);
}
