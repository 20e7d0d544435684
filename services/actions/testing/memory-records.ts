import { randomUUID } from "node:crypto";
import {
  type ChatIdentity,
  RecordsRejected,
  RecordsUnavailable,
  UserGone,
  type UserRecords,
  type UserSetting,
} from "../src/domain/user-records.ts";

/** Largest setting value the in-memory records take, as the dataservice's spec says. */
const MAX_VALUE = 1000;
/** Longest place the in-memory records take, as the dataservice's spec says. */
const MAX_PLACE = 200;

/**
 * UserRecords in memory, for tests: users by `source/team/user`, their settings and place.
 * Set `unavailable` to make every call throw RecordsUnavailable (the dataservice is down); values and
 * places longer than the dataservice takes are refused with RecordsRejected, and a user id it does not
 * have with UserGone, as it would.
 */
export class MemoryRecords implements UserRecords {
  /** When true, every call throws RecordsUnavailable. */
  unavailable = false;
  /** How many calls were made, failed ones included. */
  calls = 0;
  readonly #users = new Map<string, string>();
  readonly #settings = new Map<string, Map<string, string>>();
  readonly #places = new Map<string, string>();

  /** The settings of the user with this identity (empty when unknown), for assertions. */
  settingsOf(identity: ChatIdentity): Record<string, string> {
    const id = this.#users.get(identityKey(identity));
    return Object.fromEntries(id ? (this.#settings.get(id) ?? []) : []);
  }

  /** How many users were created. */
  get userCount(): number {
    return this.#users.size;
  }

  async findOrCreate(identity: ChatIdentity): Promise<string> {
    this.#call();
    const key = identityKey(identity);
    let id = this.#users.get(key);
    if (!id) {
      id = randomUUID();
      this.#users.set(key, id);
      this.#settings.set(id, new Map());
    }
    return id;
  }

  async hasUser(userId: string): Promise<boolean> {
    this.#call();
    return this.#settings.has(userId);
  }

  /** Adds a user by id, as the dashboard's people are (not by chat identity); answers the id. */
  addUser(userId: string = randomUUID()): string {
    this.#settings.set(userId, new Map());
    return userId;
  }

  /** Removes a user and everything of theirs (their account was deleted). */
  deleteUser(userId: string): void {
    this.#settings.delete(userId);
    this.#places.delete(userId);
    for (const [key, id] of this.#users) if (id === userId) this.#users.delete(key);
  }

  /** The settings of the user with this id (empty when unknown), for assertions. */
  settingsById(userId: string): Record<string, string> {
    return Object.fromEntries(this.#settings.get(userId) ?? []);
  }

  async listSettings(userId: string): Promise<UserSetting[]> {
    return [...this.#user(userId)].map(([key, value]) => ({ key, value }));
  }

  async getSetting(userId: string, key: string): Promise<string | undefined> {
    return this.#user(userId).get(key);
  }

  async setSetting(userId: string, key: string, value: string): Promise<void> {
    const settings = this.#user(userId);
    if (value.length > MAX_VALUE) throw new RecordsRejected(`value must NOT have more than ${MAX_VALUE} characters`);
    settings.set(key, value);
  }

  async deleteSetting(userId: string, key: string): Promise<boolean> {
    return this.#user(userId).delete(key);
  }

  async getLocation(userId: string): Promise<string | undefined> {
    this.#user(userId);
    return this.#places.get(userId);
  }

  async setLocation(userId: string, place: string): Promise<void> {
    this.#user(userId);
    if (place.length > MAX_PLACE) throw new RecordsRejected(`place must NOT have more than ${MAX_PLACE} characters`);
    this.#places.set(userId, place);
  }

  #call(): void {
    this.calls += 1;
    if (this.unavailable) throw new RecordsUnavailable("the in-memory records are set unavailable");
  }

  #user(userId: string): Map<string, string> {
    this.#call();
    const settings = this.#settings.get(userId);
    if (!settings) throw new UserGone(`no user ${userId}`);
    return settings;
  }
}

function identityKey(identity: ChatIdentity): string {
  return `${identity.source}/${identity.team}/${identity.user}`;
}
