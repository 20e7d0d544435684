/** The shape of the service kit's password hasher (structural, so this package depends on nothing). */
export interface Hasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored?: string): Promise<boolean>;
}

/** Wraps a hasher and counts the passwords it checks (each one scrypt), so a test can count, not time. */
export function countingHasher<H extends Hasher>(base: H): H & { verified: number } {
  const hasher = {
    ...base,
    verified: 0,
    hash: (password: string) => base.hash(password),
    verify(password: string, stored?: string) {
      hasher.verified += 1;
      return base.verify(password, stored);
    },
  };
  return hasher;
}
