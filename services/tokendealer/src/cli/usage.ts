/** The CLI's help text. */
export const USAGE = `usage: npm run cli -w @jeeves/tokendealer -- <command>

commands:
  add-client --id <id> --scopes <a,b> --audiences <x,y> [--person-scopes <x>=<a,b>]... [--allow-unknown]
                      register a client; prints its secret once. --person-scopes (once per
                      audience) lets it ask for tokens for people (token exchange)
  list-clients        ids, scopes, audiences and person scopes (never secrets or hashes)
  rotate-key [--alg RS256|ES256|RS512]
                      add a new signing key; older keys stay published
  retire-key <kid>    stop publishing a key (not the only signing key)
  list-keys           every key, with its state

The files are those of the server: DATA_DIR (default data/tokendealer at the repository root),
TOKENDEALER_KEYS_FILE, TOKENDEALER_CLIENTS_FILE; TOKENDEALER_ALG for new keys.`;
