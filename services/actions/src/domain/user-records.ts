/** Who wrote a message: the chat it came from, the team (Slack workspace) and the user in it. */
export interface ChatIdentity {
  /** `slack` or `local` (the ChatMessage's `source`). */
  source: string;
  team: string;
  user: string;
  /**
   * The dataservice user id of the person who wrote, when the local chat was called with that person's
   * token (the ChatMessage's `person`): they are that user, not one found by their chat identity.
   */
  person?: string;
}

/** One setting of a user. */
export interface UserSetting {
  key: string;
  value: string;
}

/**
 * The records the commands work on (the dataservice, or a fake in tests). Every method throws
 * {@link RecordsUnavailable} when the records cannot be reached (worth a retry), and
 * {@link RecordsRejected} when they refuse the request (a value too long, say: tell the person).
 */
export interface UserRecords {
  /** The id of the user with this chat identity (its `person` aside), created on first contact. */
  findOrCreate(identity: ChatIdentity): Promise<string>;
  /** Whether the user with this id exists (false: it was deleted). */
  hasUser(userId: string): Promise<boolean>;
  /** Every setting of the user. */
  listSettings(userId: string): Promise<UserSetting[]>;
  /** The value of one setting, or undefined when it is not set. */
  getSetting(userId: string, key: string): Promise<string | undefined>;
  /** Sets (creates or replaces) one setting. */
  setSetting(userId: string, key: string, value: string): Promise<void>;
  /** Removes one setting; false when it was not set. */
  deleteSetting(userId: string, key: string): Promise<boolean>;
  /** The user's saved place, or undefined when there is none. */
  getLocation(userId: string): Promise<string | undefined>;
  /** Saves the user's place. */
  setLocation(userId: string, place: string): Promise<void>;
}

/**
 * The records cannot be reached now (network error, 5xx, 408, 429, no token): try again later, after
 * `retryAfterMs` when they said how long (their `Retry-After`).
 */
export class RecordsUnavailable extends Error {
  readonly retryAfterMs?: number;

  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.name = "RecordsUnavailable";
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The records refused the request (a 4xx other than 408 and 429); `detail` says why, in words fit for the person. */
export class RecordsRejected extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "RecordsRejected";
  }
}

/**
 * The records no longer have the user a call named (deleted since its id was found): a
 * {@link RecordsRejected} that runCommand answers by finding (or creating) the writer's user again.
 */
export class UserGone extends RecordsRejected {
  constructor(detail: string) {
    super(detail);
    this.name = "UserGone";
  }
}
