import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, createTokenProvider, type JeevesClient } from "@jeeves/client-kit";
import { fetchFromInject } from "@jeeves/client-kit/testing";
import type { Encoding } from "@jeeves/codecs";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import type { paths as DataservicePaths } from "@jeeves/generated/openapi/dataservice";
import type { paths as TokendealerPaths } from "@jeeves/generated/openapi/tokendealer";
import { spec as dataserviceSpec } from "@jeeves/generated/specs/dataservice";
import { spec as tokendealerSpec } from "@jeeves/generated/specs/tokendealer";
import { buildApp as buildTokendealer } from "@jeeves/tokendealer";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";

/** The three encodings, in the order the live properties call them. */
export const ENCODING_NAMES: Encoding[] = ["json", "msgpack", "protobuf"];

/** The Content-Types of the last request body and response body one client put on the wire. */
export interface WireTypes {
  sent?: string;
  got?: string;
}

/** One client per encoding, and what each last put on the wire (to prove the encoding was used). */
export interface LiveClients<Paths extends {}> {
  clients: Record<Encoding, JeevesClient<Paths>>;
  wire: Record<Encoding, WireTypes>;
}

function perEncoding<Paths extends {}>(
  make: (encoding: Encoding, fetch: (request: Request) => Promise<Response>) => JeevesClient<Paths>,
  send: (request: Request) => Promise<Response>,
): LiveClients<Paths> {
  const wire = { json: {}, msgpack: {}, protobuf: {} } as Record<Encoding, WireTypes>;
  const client = (encoding: Encoding) =>
    make(encoding, async (request) => {
      const response = await send(request);
      wire[encoding] = {
        sent: request.headers.get("content-type") ?? undefined,
        got: response.headers.get("content-type") ?? undefined,
      };
      return response;
    });
  return { clients: { json: client("json"), msgpack: client("msgpack"), protobuf: client("protobuf") }, wire };
}

type After = { after(fn: () => Promise<void>): void };

const SCOPES = [
  "users:read",
  "users:write",
  "users:admin",
  "workspaces:read",
  "workspaces:write",
  "workspaces:secrets",
];

/**
 * A dataservice on a fresh in-memory SQLite database that verifies tokens of a real TokenDealer
 * (listening on 127.0.0.1, a free port), and one client per encoding that calls it in-process
 * (`fetchFromInject`) with a token provider holding every scope. Everything is closed after the test.
 */
export async function liveDataservice(t: After): Promise<LiveClients<DataservicePaths>> {
  const dealer = await startTestTokenDealer();
  t.after(() => dealer.close());
  const credentials = await dealer.addClient("contract-property-tests", SCOPES, ["dataservice"]);
  const { app, close } = await buildTestDataservice(dealer);
  t.after(close);
  await app.ready();
  const auth = createTokenProvider({
    tokendealerUrl: dealer.url,
    clientId: credentials.id,
    clientSecret: credentials.secret,
    audience: "dataservice",
    scopes: SCOPES,
  });
  return perEncoding(
    (encoding, fetch) =>
      createClient<DataservicePaths>({
        spec: dataserviceSpec,
        baseUrl: "http://dataservice.test",
        encoding,
        fetch,
        auth,
      }),
    fetchFromInject(app),
  );
}

/** A TokenDealer app on a temporary data folder, never listening, and one in-process client per encoding. */
export async function liveTokendealer(t: After): Promise<LiveClients<TokendealerPaths>> {
  const dataDir = await mkdtemp(join(tmpdir(), "contract-property-"));
  const app = await buildTokendealer({ dataDir, issuer: "http://tokendealer.test", ttlSeconds: 600, logger: false });
  t.after(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  await app.ready();
  return perEncoding(
    (encoding, fetch) =>
      createClient<TokendealerPaths>({ spec: tokendealerSpec, baseUrl: "http://tokendealer.test", encoding, fetch }),
    fetchFromInject(app),
  );
}
