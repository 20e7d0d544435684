import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * The page's Content-Security-Policy: its own scripts, styles and calls only (Vite inlines small images
 * and fonts as `data:` URLs), never framed, no plugins, forms and `<base>` to itself only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Swagger UI (`/docs`) runs inline scripts of its own: it keeps the other headers, not this policy. */
function isDocs(url: string): boolean {
  return url === "/docs" || url.startsWith("/docs/") || url.startsWith("/docs?");
}

/**
 * Headers on every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
 * `X-Frame-Options: DENY` and, but for the docs, the {@link CONTENT_SECURITY_POLICY}.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook("onSend", async (request, reply, payload) => {
      reply.header("x-content-type-options", "nosniff");
      reply.header("referrer-policy", "same-origin");
      reply.header("x-frame-options", "DENY");
      if (!isDocs(request.url)) reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
      return payload;
    });
  },
  { name: "dashboard-security-headers" },
);
