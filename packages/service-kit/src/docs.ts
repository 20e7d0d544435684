import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { addDocsAudience, DOCS_AUDIENCE_GLOBAL } from "./docs-audience.ts";
import { requestOrigin, servedSpec } from "./served-spec.ts";

/** Options of the docs plugin. */
export interface DocsOptions {
  /** The service's spec, as written (its embedded default URLs are replaced when served). */
  spec: Record<string, unknown>;
  /** The service's name: the page is titled "Jeeves <name> API", and tokens asked there are for this audience. */
  name: string;
  /**
   * The running TokenDealer's URL (the service's `TOKENDEALER_URL`): the served spec's OAuth `tokenUrl`s
   * point at it. Absent: they stay as the spec says.
   */
  tokenDealerUrl?: string;
}

/** `&`, `<`, `>` and `"` escaped for HTML (Swagger UI puts the title into the page as it is). */
function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * Serves the service's own spec at `/docs/json` (and `/docs/yaml`) and Swagger UI at `/docs`, titled
 * with the service. The served spec's `servers` is the origin the page was asked at (the service as it
 * runs, on whatever port), and its OAuth `tokenUrl`s the running TokenDealer's.
 */
export const docs = fp(
  async (app: FastifyInstance, options: DocsOptions) => {
    await app.register(swagger, { mode: "static", specification: { document: options.spec as never } });
    await app.register(swaggerUi, {
      routePrefix: "/docs",
      theme: {
        title: escapeHtml(`Jeeves ${options.name} API`),
        js: [
          {
            filename: "audience.js",
            content: `globalThis.${DOCS_AUDIENCE_GLOBAL} = ${JSON.stringify(options.name)};\n`,
          },
        ],
      },
      uiConfig: { requestInterceptor: addDocsAudience as never },
      // The document served is built per request from the spec (below), never the shared one.
      transformSpecificationClone: false,
      transformSpecification: (document, request) =>
        servedSpec(document as Record<string, unknown>, {
          serverUrl: requestOrigin(request.protocol, request.host),
          tokenDealerUrl: options.tokenDealerUrl,
        }) as never,
    });
  },
  { name: "jeeves-docs" },
);
