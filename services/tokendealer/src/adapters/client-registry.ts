import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { defaultPasswordHasher, type PasswordHasher } from "@jeeves/service-kit";
import { parse, stringify } from "yaml";
import { checkClientDefinition, isClientId } from "../domain/client-definition.ts";
import {
  type ClientDefinition,
  DEFAULT_CLIENTS,
  EARLIER_DEFAULT_CLIENT_IDS,
  reconcileDefaultClients,
} from "../domain/default-clients.ts";
import { sortScopes } from "../domain/suite-names.ts";
import { ERR } from "../errors.ts";
import { fileStamp, writeFileAtomic } from "./atomic-file.ts";
import { type Log, SILENT_LOG } from "./log.ts";

/**
 * One client as the registry file stores it: the scrypt hash of its secret, never the secret; its
 * person scopes (by audience) only when it has some.
 */
export interface StoredClient {
  id: string;
  secret_hash: string;
  scopes: string[];
  audiences: string[];
  person_scopes?: Record<string, string[]>;
}

/** The registry file's content: the clients, and the ids of the default clients it was given. */
interface RegistryFile {
  clients: StoredClient[];
  /** Absent in a file an earlier version wrote: then the defaults of those versions. */
  defaults: string[];
}

/** A client without its hash, as callers see it. */
export type ClientView = ClientDefinition;

/** A new client's id and secret; the secret is shown once and not kept. */
export interface IssuedSecret {
  id: string;
  secret: string;
}

const HEADER =
  "# Jeeves TokenDealer clients. Secrets are stored as scrypt hashes only; add clients with the CLI.\n" +
  "# default_clients: the default clients this registry was given (one removed is not added back).\n";

function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

function view(client: StoredClient): ClientView {
  const shown: ClientView = { id: client.id, scopes: [...client.scopes], audiences: [...client.audiences] };
  if (client.person_scopes) shown.personScopes = copyScopes(client.person_scopes);
  return shown;
}

function copyScopes(byAudience: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(byAudience).map(([audience, scopes]) => [audience, [...scopes]]));
}

/** A stored client as a definition (person scopes by their API name). */
function definitionOf(client: StoredClient): ClientDefinition & { secret_hash: string } {
  return { ...view(client), secret_hash: client.secret_hash };
}

/** A definition with its hash as the file stores it (`person_scopes` only when it has some). */
function storedOf(client: ClientDefinition & { secret_hash: string }): StoredClient {
  const stored: StoredClient = {
    id: client.id,
    secret_hash: client.secret_hash,
    scopes: [...client.scopes],
    audiences: [...client.audiences],
  };
  if (client.personScopes) stored.person_scopes = copyScopes(client.personScopes);
  return stored;
}

/** Checks the registry's shape; messages name the client, never a hash. */
function parseRegistry(text: string, file: string): RegistryFile {
  const invalid = (detail: string) => ERR.CLIENTS_FILE_INVALID({ detail: `${file}: ${detail}` });
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    throw invalid("is not YAML");
  }
  const clients = (data as { clients?: unknown } | null)?.clients ?? [];
  if (!Array.isArray(clients)) throw invalid("clients is not a list");
  const defaults = (data as { default_clients?: unknown } | null)?.default_clients ?? [...EARLIER_DEFAULT_CLIENT_IDS];
  if (!Array.isArray(defaults) || !defaults.every(isClientId)) throw invalid("default_clients is not a list of ids");
  const seen = new Set<string>();
  const stored = clients.map((client: Partial<StoredClient> | null, at) => {
    const name = isClientId(client?.id) ? client.id : `#${at}`;
    if (name.startsWith("#") || seen.has(name)) throw invalid(`client ${name} has a missing, malformed or repeated id`);
    seen.add(name);
    if (typeof client?.secret_hash !== "string" || !client.secret_hash.startsWith("scrypt$")) {
      throw invalid(`client ${name} has no scrypt secret_hash`);
    }
    let definition: ClientDefinition;
    try {
      definition = checkClientDefinition({
        id: name,
        scopes: client.scopes as string[],
        audiences: client.audiences as string[],
        personScopes: client.person_scopes,
      });
    } catch (error) {
      throw invalid((error as Error).message);
    }
    return storedOf({ ...definition, secret_hash: client.secret_hash });
  });
  return { clients: stored, defaults: [...new Set(defaults as string[])] };
}

/**
 * The clients that may ask for tokens, kept in a YAML file (mode 600) with scrypt hashes of their
 * secrets. Shared by the app and its callers; changes another process (the CLI) makes to the file are
 * picked up by `refresh`, which the handlers call.
 */
export class ClientRegistry {
  private clients: StoredClient[] = [];
  private defaults: string[] = [];
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

  /** Every scope some client may have (for itself or for a person), in the documented order. */
  scopes(): string[] {
    return sortScopes(
      this.clients.flatMap((client) => [...client.scopes, ...Object.values(client.person_scopes ?? {}).flat()]),
    );
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
   * secret, once. `personScopes` (by audience) let it ask for tokens for people (token exchange).
   * Refuses a malformed definition and an id in use.
   */
  addClient(
    id: string,
    scopes: string[],
    audiences: string[],
    personScopes?: Record<string, string[]>,
  ): Promise<IssuedSecret> {
    return this.serial(async () => {
      await this.reloadIfChanged();
      const definition = checkClientDefinition({ id, scopes, audiences, personScopes });
      if (this.clients.some((client) => client.id === definition.id)) {
        throw ERR.CLIENT_EXISTS({ detail: `client ${definition.id} already exists` });
      }
      const secret = newSecret();
      const added = storedOf({ ...definition, secret_hash: await this.passwords.hash(secret) });
      await this.persist([...this.clients, added]);
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
   * scopes, audiences and person scopes, retired defaults left as created are removed with their secret
   * files, and a default new to this registry (never given to it before, such as `dashboard` to a
   * registry made before it) is added with its secret file, like on a first start.
   */
  private async reconcileDefaults(secretsDir: string): Promise<void> {
    const { clients, changed, removed, added, given } = reconcileDefaultClients(
      this.clients.map(definitionOf),
      this.defaults,
    );
    const sameGiven = given.length === this.defaults.length && given.every((id) => this.defaults.includes(id));
    if (changed.length === 0 && removed.length === 0 && added.length === 0 && sameGiven) return;
    const fresh = await this.withSecrets(added);
    // Secrets first: if the registry cannot be written, the next start makes both again.
    await this.writeSecrets(secretsDir, fresh);
    await this.persist([...clients, ...fresh.map(({ client }) => client)].map(storedOf), given);
    for (const id of removed) await rm(join(secretsDir, `${id}.secret`), { force: true });
    this.log.info(
      { changed, removed, added: added.map((client) => client.id) },
      "reconciled the default clients with this version: scopes, audiences and person scopes set, retired defaults removed, new defaults added (their secrets are in the secrets folder)",
    );
  }

  private async createDefault(secretsDir: string): Promise<void> {
    const clients = await this.withSecrets(DEFAULT_CLIENTS);
    // Secrets first: if the registry cannot be written, the next start makes both again.
    await this.writeSecrets(secretsDir, clients);
    await this.persist(
      clients.map(({ client }) => storedOf(client)),
      DEFAULT_CLIENTS.map((client) => client.id),
    );
  }

  /** Each definition with a new secret and that secret's hash. */
  private withSecrets(definitions: readonly ClientDefinition[]) {
    return Promise.all(
      definitions.map(async (definition) => {
        const secret = newSecret();
        return { client: { ...definition, secret_hash: await this.passwords.hash(secret) }, secret };
      }),
    );
  }

  /** Writes each plain secret to `<secretsDir>/<id>.secret` (mode 600). */
  private async writeSecrets(secretsDir: string, clients: readonly { client: { id: string }; secret: string }[]) {
    for (const { client, secret } of clients) {
      await writeFileAtomic(join(secretsDir, `${client.id}.secret`), `${secret}\n`);
    }
  }

  private async load(): Promise<boolean> {
    const stamp = await fileStamp(this.file);
    if (stamp === undefined) return false;
    const { clients, defaults } = parseRegistry(await readFile(this.file, "utf8"), this.file);
    this.clients = clients;
    this.defaults = defaults;
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

  private async persist(next: StoredClient[], defaults: string[] = this.defaults): Promise<void> {
    await writeFileAtomic(this.file, HEADER + stringify({ clients: next, default_clients: defaults }));
    this.stamp = await fileStamp(this.file);
    this.clients = next;
    this.defaults = defaults;
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
