import { createClient, type TokenProvider } from "@jeeves/client-kit";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";

/** The workspaces the slackbot posts to, as far as it needs them: bot tokens, and forgetting uninstalls. */
export interface WorkspaceTokens {
  /** The workspace's bot token; rejects with {@link UnknownWorkspaceError} when the workspace is not installed. */
  botToken(teamId: string): Promise<string>;
  /** Drops a cached token (Slack said `invalid_auth`), so the next call asks again. */
  forget(teamId: string): void;
  /** Deletes the workspace (Jeeves was uninstalled); false when it was not known. */
  remove(teamId: string): Promise<boolean>;
}

/** The dataservice does not know this workspace (or the id is not a workspace id): retrying cannot help. */
export class UnknownWorkspaceError extends Error {
  constructor(readonly teamId: string) {
    super(`the dataservice knows no workspace ${teamId}`);
    this.name = "UnknownWorkspaceError";
  }
}

/** Where the dataservice is and how to reach it. */
export interface DataserviceConnection {
  /** `DATASERVICE_URL`, e.g. `http://127.0.0.1:3001`. */
  baseUrl: string;
  /** The slackbot's own tokens for the audience `dataservice` (scopes workspaces:read, :secrets, :write). */
  auth: TokenProvider;
  /** The fetch to use (tests: `fetchFromInject(app)`); default the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Options of {@link createDataserviceWorkspaces}. */
export interface DataserviceWorkspacesOptions extends DataserviceConnection {
  /** How long a bot token is reused before it is fetched again, in ms. Default 5 minutes. */
  ttlMs?: number;
  /** The clock, in ms. */
  now?: () => number;
}

/**
 * {@link WorkspaceTokens} backed by the dataservice, through its generated client: `GET
 * /workspaces/{teamId}?include_secrets=true` for tokens (cached per workspace for `ttlMs`, one fetch
 * shared by concurrent callers) and `DELETE /workspaces/{teamId}` on uninstall. Tokens are never logged
 * nor put in error messages.
 */
export function createDataserviceWorkspaces(options: DataserviceWorkspacesOptions): WorkspaceTokens {
  const client = createClient<paths>({
    spec,
    baseUrl: options.baseUrl,
    auth: options.auth,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const inflight = new Map<string, Promise<string>>();

  async function fetchToken(teamId: string): Promise<string> {
    const { data, response } = await client.GET("/workspaces/{teamId}", {
      params: { path: { teamId }, query: { include_secrets: true } },
    });
    // 400: not a workspace id at all (the spec's pattern); 404: not installed. Neither changes on retry.
    if (response.status === 404 || response.status === 400) throw new UnknownWorkspaceError(teamId);
    if (!data) throw new Error(`the dataservice answered ${response.status} for workspace ${teamId}`);
    if (!data.bot_token) throw new Error(`the dataservice gave no bot token for workspace ${teamId}`);
    cache.set(teamId, { token: data.bot_token, expiresAt: now() + ttlMs });
    return data.bot_token;
  }

  return {
    botToken(teamId) {
      const cached = cache.get(teamId);
      if (cached && cached.expiresAt > now()) return Promise.resolve(cached.token);
      cache.delete(teamId);
      let pending = inflight.get(teamId);
      if (!pending) {
        pending = fetchToken(teamId).finally(() => inflight.delete(teamId));
        inflight.set(teamId, pending);
      }
      return pending;
    },
    forget(teamId) {
      cache.delete(teamId);
    },
    async remove(teamId) {
      cache.delete(teamId);
      const { response } = await client.DELETE("/workspaces/{teamId}", { params: { path: { teamId } } });
      if (response.status === 404 || response.status === 400) return false;
      if (!response.ok) throw new Error(`the dataservice answered ${response.status} to deleting workspace ${teamId}`);
      return true;
    },
  };
}
