import type { TokenProvider } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import { LRUCache } from "lru-cache";

/** What an install stores about a workspace (the dataservice's `WorkspaceInstall`). */
export interface WorkspaceInstall {
  teamName: string;
  botUserId: string;
  /** The bot token: a secret, never logged. */
  botToken: string;
  scopes: string[];
}

/**
 * The workspaces the slackbot posts to, as far as it needs them: bot tokens, installs (optional: a port
 * without `install` cannot complete the Slack install flow) and forgetting uninstalls.
 */
export interface WorkspaceTokens {
  /** The workspace's bot token; rejects with {@link UnknownWorkspaceError} when the workspace is not installed. */
  botToken(teamId: string): Promise<string>;
  /** Drops a cached token (Slack said `invalid_auth`), so the next call asks again. */
  forget(teamId: string): void;
  /** Deletes the workspace (Jeeves was uninstalled); false when it was not known. */
  remove(teamId: string): Promise<boolean>;
  /**
   * Stores a workspace Jeeves was installed in: `created`, or `updated` on a reinstall, whose cached token
   * is dropped so the next reply uses the new one.
   */
  install?(teamId: string, workspace: WorkspaceInstall): Promise<"created" | "updated">;
}

/** A {@link WorkspaceTokens} port that can store installs too. */
export type WorkspaceStore = WorkspaceTokens & Required<Pick<WorkspaceTokens, "install">>;

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
  /** Most workspaces whose token is kept (the least recently used goes first). Default 1000. */
  maxEntries?: number;
  /** The clock, in ms. */
  now?: () => number;
}

/**
 * {@link WorkspaceTokens} backed by the dataservice, through its generated client: `GET
 * /workspaces/{teamId}?include_secrets=true` for tokens (kept per workspace for `ttlMs` in an
 * `lru-cache`, one fetch shared by concurrent callers), `PUT /workspaces/{teamId}` on install (201
 * created, 200 updated) and `DELETE /workspaces/{teamId}` on uninstall. Tokens are never logged nor put
 * in error messages.
 */
export function createDataserviceWorkspaces(options: DataserviceWorkspacesOptions): WorkspaceStore {
  const client = createDataserviceClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const tokens = new LRUCache<string, string>({
    max: options.maxEntries ?? 1000,
    ttl: options.ttlMs ?? 5 * 60_000,
    perf: { now: options.now ?? Date.now },
    ttlResolution: 0,
    // A token dropped while it is being read (install, uninstall, forget): its callers still get what
    // was read, but it is not kept, so the next call reads again.
    ignoreFetchAbort: true,
    fetchMethod: async (teamId) => {
      const { data, response } = await client.GET("/workspaces/{teamId}", {
        params: { path: { teamId }, query: { include_secrets: true } },
      });
      // 400: not a workspace id at all (the spec's pattern); 404: not installed. Neither changes on retry.
      if (response.status === 404 || response.status === 400) throw new UnknownWorkspaceError(teamId);
      if (!data) throw new Error(`the dataservice answered ${response.status} for workspace ${teamId}`);
      if (!data.bot_token) throw new Error(`the dataservice gave no bot token for workspace ${teamId}`);
      return data.bot_token;
    },
  });

  return {
    async botToken(teamId) {
      const token = await tokens.fetch(teamId);
      if (token === undefined) throw new Error(`no bot token was read for workspace ${teamId}`);
      return token;
    },
    forget(teamId) {
      tokens.delete(teamId);
    },
    async remove(teamId) {
      // After the write (whatever its answer): a read that overlapped it must not keep the old token.
      const { response } = await client
        .DELETE("/workspaces/{teamId}", { params: { path: { teamId } } })
        .finally(() => tokens.delete(teamId));
      if (response.status === 404 || response.status === 400) return false;
      if (!response.ok) throw new Error(`the dataservice answered ${response.status} to deleting workspace ${teamId}`);
      return true;
    },
    async install(teamId, workspace) {
      const { response } = await client
        .PUT("/workspaces/{teamId}", {
          params: { path: { teamId } },
          body: {
            team_name: workspace.teamName,
            bot_user_id: workspace.botUserId,
            bot_token: workspace.botToken,
            scopes: workspace.scopes,
          },
        })
        .finally(() => tokens.delete(teamId));
      if (response.status === 201) return "created";
      if (response.status === 200) return "updated";
      throw new Error(`the dataservice answered ${response.status} to installing workspace ${teamId}`);
    },
  };
}
