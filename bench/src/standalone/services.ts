/**
 * The services a standalone figure starts as separate pinned processes: a TokenDealer (for the tokens
 * the dataservice verifies) and a dataservice on a given DATABASE_URL.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "../ports.ts";
import { type Pinned, startPinned, stopPinned, waitForOk } from "./pinned-process.ts";

/** A running service process and its base URL. */
export interface ServiceProcess {
  url: string;
  process: Pinned;
  stop(): Promise<void>;
}

/** Starts `services/<name>/src/server.ts` pinned to `cpu` on a free port; resolves once `/ready` answers 200. */
export async function startService(
  name: "tokendealer" | "dataservice",
  cpu: number,
  env: Record<string, string | undefined>,
): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process_ = startPinned(cpu, `services/${name}/src/server.ts`, {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
  });
  try {
    await waitForOk(`${url}/ready`, process_);
  } catch (error) {
    await stopPinned(process_);
    throw error;
  }
  return { url, process: process_, stop: () => stopPinned(process_) };
}

/** A TokenDealer on `dataDir`, and a token of its `jeeves-admin` client for an audience and scopes. */
export async function startTokenDealer(
  cpu: number,
  dataDir: string,
  logLevel: string,
): Promise<ServiceProcess & { token(audience: string, scopes: string[]): Promise<string> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process_ = startPinned(cpu, "services/tokendealer/src/server.ts", {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      TOKENDEALER_URL: url,
      LOG_LEVEL: logLevel,
    },
  });
  try {
    await waitForOk(`${url}/ready`, process_);
  } catch (error) {
    await stopPinned(process_);
    throw error;
  }
  return {
    url,
    process: process_,
    stop: () => stopPinned(process_),
    async token(audience, scopes) {
      const secret = (await readFile(join(dataDir, "secrets", "jeeves-admin.secret"), "utf8")).trim();
      const response = await fetch(`${url}/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`jeeves-admin:${encodeURIComponent(secret)}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ grant_type: "client_credentials", audience, scope: scopes.join(" ") }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (response.status !== 200 || !body.access_token)
        throw new Error(`no token from the TokenDealer (${response.status})`);
      return body.access_token;
    },
  };
}

/** A dataservice on `databaseUrl` trusting the TokenDealer at `tokenDealerUrl`, its data folder `dataDir`. */
export function startDataservice(
  cpu: number,
  options: { databaseUrl: string; tokenDealerUrl: string; dataDir: string; logLevel: string },
): Promise<ServiceProcess> {
  return startService("dataservice", cpu, {
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    TOKENDEALER_URL: options.tokenDealerUrl,
    LOG_LEVEL: options.logLevel,
    // Set, so that the first start prints no generated admin password.
    JEEVES_ADMIN_PASSWORD: randomBytes(18).toString("base64url"),
  });
}
