import { statSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import { negotiate, PROBLEM_TYPE } from "@jeeves/codecs";
import { sendProblem } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ERR } from "../errors.ts";

/** Options of the static page plugin. */
export interface StaticPageOptions {
  /** The built page: `index.html` and its `assets/` (`DASHBOARD_STATIC_DIR`, default services/dashboard/web/dist). */
  dir: string;
}

/** The first path segments that are never the page's: the API, the probes and the docs. */
const NOT_THE_PAGE = new Set(["api", "health", "ready", "docs"]);

/** Vite's content-hashed files: kept by browsers for a year. */
export const HASHED_ASSETS = "public, max-age=31536000, immutable";
/** Everything else of the page, `index.html` first: asked again each time (it names the current assets). */
export const NOT_CACHED = "no-cache";

/** The short page answered while the page has not been built. */
const NOT_BUILT_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jeeves dashboard</title></head>
<body><h1>The dashboard's page is not built yet</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload.</p></body></html>
`;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The requested path without its leading slashes, or undefined when it is not the page's to answer. */
function pagePath(request: FastifyRequest): string | undefined {
  let path = (request.params as { "*"?: string })["*"] ?? "";
  let start = 0;
  while (path[start] === "/") start += 1;
  path = path.slice(start);
  const first = path.split("/", 1)[0];
  return NOT_THE_PAGE.has(first) ? undefined : path;
}

/** 503 `DASHBOARD_ERR_PAGE_NOT_BUILT`: a short HTML page for a browser, a problem for anyone else. */
function notBuilt(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header("retry-after", "30").header("cache-control", NOT_CACHED);
  if (negotiate(request.headers.accept, ["text/html", PROBLEM_TYPE]) === "text/html") {
    return reply.code(503).type("text/html; charset=utf-8").send(NOT_BUILT_HTML);
  }
  const error = ERR.PAGE_NOT_BUILT();
  return sendProblem(reply, {
    type: "urn:jeeves:problem:service-unavailable",
    title: error.title,
    status: 503,
    detail: "the dashboard's page is not built: run `npm run build`",
    code: error.code,
  });
}

/**
 * Serves the built React page (@fastify/static's `sendFile`) at `/`: a path whose last segment has a dot
 * is a file of the page (404 when there is none); any other path is a route of the page, answered with
 * `index.html` (the page routes itself), but for `/api`, `/health`, `/ready` and `/docs`, which are never
 * the page's. Hashed `assets/` are cached for a year, everything else is `no-cache`. While `index.html`
 * is missing, the page's routes answer 503 saying to run `npm run build` (checked per request: a build
 * after the start is served at once).
 */
export const staticPagePlugin = fp(
  async (app: FastifyInstance, options: StaticPageOptions) => {
    const root = options.dir;
    await app.register(fastifyStatic, { serve: false });
    app.get("/*", async (request, reply) => {
      const path = pagePath(request);
      if (path === undefined) return reply.callNotFound();
      const last = path.slice(path.lastIndexOf("/") + 1);
      if (last.includes(".")) {
        reply.header("cache-control", path.startsWith("assets/") ? HASHED_ASSETS : NOT_CACHED);
        return reply.sendFile(path, root, { cacheControl: false, index: false });
      }
      if (!isFile(join(root, "index.html"))) return notBuilt(request, reply);
      reply.header("cache-control", NOT_CACHED);
      return reply.sendFile("index.html", root, { cacheControl: false, index: false });
    });
  },
  { name: "dashboard-static-page" },
);
