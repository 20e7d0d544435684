import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { defaultPasswordHasher, type PasswordHasher } from "@jeeves/service-kit";
import { parse, stringify } from "yaml";
import { checkClientDefinition, isClientId } from "../domain/client-definition.ts";
import { type ClientDefinition, DEFAULT_CLIENTS, reconcileDefaultClients } from "../domain/default-clients.ts";
import { sortScopes } from "../domain/suite-names.ts";
import { ERR } from "../errors.ts";
import { fileStamp, writeFileAtomic } from "./atomic-file.ts";
import { type Log, SILENT_LOG } from "./log.ts";

/** One client as the registry file stores it: the scrypt hash of its secret, never the secret. */
export interface StoredClient {
  id: string;
  secret_hash: string;
  scopes: string[];
  audiences: string[];
}

/** A client without its hash, as callers see it. */
export type ClientView = ClientDefinition;

/** A new client's id and secret; the secret is shown once and not kept. */
export interface IssuedSecret {
  id: string;
  secret: string;
}

const HEADER = "# Jeeves TokenDealer clients. Secrets are stored as scrypt hashes only; add clients with the CLI.\n";

function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

function view(client: StoredClient): ClientView {
  return { id: client.id, scopes: [...client.scopes], audiences: [...client.audiences] };
}

/** Checks the registry's shape; messages name the client, never a hash. */
function parseRegistry(text: string, file: string): StoredClient[] {
  const invalid = (detail: string) => ERR.CLIENTS_FILE_INVALID({ detail: `${file}: ${detail}` });
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    throw invalid("is not YAML");
  }
  const clients = (data as { clients?: unknown } | null)?.clients ?? [];
  if (!Array.isArray(clients)) throw invalid("clients is not a list");
  const seen = new Set<string>();
  return clients.map((client: Partial<StoredClient> | null, at) => {
    const name = isClientId(client?.id) ? client.id : `#${at}`;
    if (name.startsWith("#") || seen.has(name)) throw invalid(`client ${name} has a missing, malformed or repeated id`);
    seen.add(name);
    if (typeof client?.secret_hash !== "string" || !client.secret_hash.startsWith("scrypt$")) {
      throw invalid(`client ${name} has no scrypt secret_hash`);
    }
    try {
      checkClientDefinition({ id: name, scopes: client.scopes as string[], audiences: client.audiences as string[] });
    } catch (error) {
      throw invalid((error as Error).message);
    }
    return { id: name, secret_hash: client.secret_hash, scopes: client.scopes!, audiences: client.audiences! };
  });
}

/**
 * The clients that may ask for tokens, kept in a YAML file (mode 600) with scrypt hashes of their
 * secrets. Shared by the app and its callers; changes another process (the CLI) makes to the file are
 * picked up by `refresh`, which the handlers call.
 */
export class ClientRegistry {
  private clients: StoredClient[] = [];
  private stamp: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    /** The registry file. */
    readonly file: string,
    private readonly log: Log,
    private readonly passwords: PasswordHasher,
  ) {}

  /** See `openClientRegistry`. */
  static async open(options: ClientRegistryOptions): Promise<{ registry: ClientRegistry; created: boolean }> {
    const log = options.log ?? SILENT_LOG;
    const registry = new ClientRegistry(options.file, log, options.passwords ?? defaultPasswordHasher);
    if (await registry.load()) {
      await registry.reconcileDefaults(options.secretsDir);
      return { registry, created: false };
    }
    await registry.createDefault(options.secretsDir);
    log.info(
      { secrets: options.secretsDir, clients: DEFAULT_CLIENTS.map((client) => client.id) },
      "created the client registry with the default clients; their secrets are in the secrets folder",
    );
    return { registry, created: true };
  }

  /** A client by id. */
  get(id: string): ClientView | undefined {
    const client = this.clients.find((candidate) => candidate.id === id);
    return client && view(client);
  }

  /** Every client, without hashes. */
  list(): ClientView[] {
    return this.clients.map(view);
  }

  /** Every scope some client may have, in the documented order. */
  scopes(): string[] {
    return sortScopes(this.clients.flatMap((client) => client.scopes));
  }

  /**
   * The client when `secret` is its secret, else undefined. An unknown id costs one scrypt on a dummy
   * hash, like a wrong secret, so the answer and its time do not tell whether the client exists.
   */
  async authenticate(id: string, secret: string): Promise<ClientView | undefined> {
    const client = this.clients.find((candidate) => candidate.id === id);
    const ok = await this.passwords.verify(secret, client?.secret_hash);
    return ok && client ? view(client) : undefined;
  }

  /**
   * Adds a client with a new random secret (32 bytes, base64url), stores its scrypt hash and answers the
   * secret, once. Refuses a malformed definition and an id in use.
   */
  addClient(id: string, scopes: string[], audiences: string[]): Promise<IssuedSecret> {
    return this.serial(async () => {
      await this.reloadIfChanged();
      const definition = checkClientDefinition({ id, scopes, audiences });
      if (this.clients.some((client) => client.id === definition.id)) {
        throw ERR.CLIENT_EXISTS({ detail: `client ${definition.id} already exists` });
      }
      const secret = newSecret();
      await this.persist([...this.clients, { ...definition, secret_hash: await this.passwords.hash(secret) }]);
      return { id: definition.id, secret };
    });
  }

  /** Reloads the file when another process replaced it; a file that does not load is logged and ignored. */
  refresh(): Promise<void> {
    return this.serial(async () => {
      try {
        await this.reloadIfChanged();
      } catch (error) {
        this.log.error({ err: error, file: this.file }, "the client registry changed but does not load; keeping it");
      }
    });
  }

  /**
   * Least privilege for a registry an earlier version made: the default clients get exactly today's
   * scopes and audiences, and retired defaults left as created are removed with their secret files.
   */
  private async reconcileDefaults(secretsDir: string): Promise<void> {
    const { clients, changed, removed } = reconcileDefaultClients(this.clients);
    if (changed.length === 0 && removed.length === 0) return;
    await this.persist(clients);
    for (const id of removed) await rm(join(secretsDir, `${id}.secret`), { force: true });
    this.log.info(
      { changed, removed },
      "reconciled the default clients with this version: scopes and audiences set, retired defaults removed",
    );
  }

  private async createDefault(secretsDir: string): Promise<void> {
    const clients = await Promise.all(
      DEFAULT_CLIENTS.map(async (definition) => {
        const secret = newSecret();
        return { client: { ...definition, secret_hash: await this.passwords.hash(secret) }, secret };
      }),
    );
    // Secrets first: if the registry cannot be written, the next start makes both again.
    for (const { client, secret } of clients) {
      await writeFileAtomic(join(secretsDir, `${client.id}.secret`), `${secret}\n`);
    }
    await this.persist(clients.map(({ client }) => client));
  }

  private async load(): Promise<boolean> {
    const stamp = await fileStamp(this.file);
    if (stamp === undefined) return false;
    this.clients = parseRegistry(await readFile(this.file, "utf8"), this.file);
    this.stamp = stamp;
    return true;
  }

  private async reloadIfChanged(): Promise<void> {
    const stamp = await fileStamp(this.file);
    if (stamp === this.stamp) return;
    if (stamp === undefined) {
      this.log.warn({ file: this.file }, "the client registry is gone; keeping the clients in memory");
      this.stamp = undefined;
      return;
    }
    if (await this.load()) this.log.info({ file: this.file, clients: this.clients.length }, "reloaded the clients");
  }

  private async persist(next: StoredClient[]): Promise<void> {
    await writeFileAtomic(this.file, HEADER + stringify({ clients: next }));
    this.stamp = await fileStamp(this.file);
    this.clients = next;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

/** Where the registry lives, and where the embedded default writes its clients' secrets. */
export interface ClientRegistryOptions {
  file: string;
  secretsDir: string;
  log?: Log;
  /** Hashes and checks the secrets (a few at a time). Default the kit's shared hasher. */
  passwords?: PasswordHasher;
}

/**
 * Opens the client registry. Without a file (the first start) it creates one with the default clients
 * and writes each plain secret to `<secretsDir>/<client-id>.secret` (mode 600); `created` says so.
 */
export function openClientRegistry(
  options: ClientRegistryOptions,
): Promise<{ registry: ClientRegistry; created: boolean }> {
  return ClientRegistry.open(options);
}
