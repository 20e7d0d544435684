import { defineErrors } from "@jeeves/service-kit";

/**
 * The TokenDealer's coded errors (`TOKENDEALER_ERR_*`). OAuth answers (RFC 6749 §5.2) are returned by
 * the handlers, not thrown; these cover the key store, the client registry, the CLI and the test helper.
 */
export const ERR = defineErrors("TOKENDEALER", {
  NO_SIGNING_KEY: { status: 503, title: "No signing key is loaded" },
  KEYS_FILE_INVALID: { status: 500, title: "The key file is not valid" },
  CLIENTS_FILE_INVALID: { status: 500, title: "The client registry is not valid" },
  UNKNOWN_KEY: { status: 404, title: "No such key" },
  KEY_ALREADY_RETIRED: { status: 409, title: "Key already retired" },
  LAST_SIGNING_KEY: { status: 409, title: "Cannot retire the only signing key" },
  UNSUPPORTED_ALG: { status: 400, title: "Unsupported signing algorithm" },
  CLIENT_EXISTS: { status: 409, title: "Client already exists" },
  INVALID_CLIENT_DEFINITION: { status: 400, title: "Invalid client definition" },
  USAGE: { status: 400, title: "Bad command line" },
  TOKEN_REFUSED: { status: 400, title: "Token request refused" },
});
