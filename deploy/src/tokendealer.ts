import type { ServiceManifest } from "@jeeves/manifest";
import { CLIENT_SECRETS, dataDir, NAMESPACE } from "./layout.ts";
import { clientSecretVariable } from "./variables.ts";

/** The service that issues the tokens and keeps the client registry in its data folder. */
export const TOKENDEALER = "tokendealer";

/** The clients the services call with: each one's id and the variable of its secret, sorted by id. */
export function clientsOf(services: readonly ServiceManifest[]): { id: string; variable: string }[] {
  return services
    .flatMap((service) => (service.client ? [service.client.id] : []))
    .sort()
    .map((id) => ({ id, variable: clientSecretVariable(id) }));
}

/**
 * Checks what the deploy files assume of the TokenDealer: when a service has a client, the TokenDealer
 * is a service, single, with a data folder (where its first start writes `secrets/<client>.secret`).
 */
export function checkTokenDealer(services: readonly ServiceManifest[]): void {
  if (clientsOf(services).length === 0) return;
  const tokendealer = services.find((service) => service.name === TOKENDEALER);
  if (!tokendealer?.dataDir || tokendealer.scaling !== "single") {
    throw new Error(`services have TokenDealer clients, so ${TOKENDEALER} must be a single service with a dataDir`);
  }
}

/**
 * deploy/k8s/create-client-secrets.sh: makes (or updates) the Secret with the client secrets from the
 * files the TokenDealer wrote on its first start, through kubectl, without showing them.
 */
export function createClientSecretsScript(services: readonly ServiceManifest[], header: string): string {
  const clients = clientsOf(services);
  const secrets = `${dataDir(TOKENDEALER)}/secrets`;
  return [
    "#!/bin/sh",
    header,
    `# Creates or updates the Secret ${CLIENT_SECRETS} from the client secrets the TokenDealer wrote to its data`,
    "# volume on its first start. Prints no secret. Needs kubectl pointed at the cluster; JEEVES_NAMESPACE",
    `# overrides the namespace (${NAMESPACE}).`,
    "set -eu",
    `namespace="\${JEEVES_NAMESPACE:-${NAMESPACE}}"`,
    "umask 077",
    'dir="$(mktemp -d)"',
    "trap 'rm -rf \"$dir\"' EXIT",
    "",
    "# read_secret <client> <key>: the first line of the client's secret file, without its newline.",
    "read_secret() {",
    `  kubectl --namespace "$namespace" exec deploy/${TOKENDEALER} -- head -n 1 "${secrets}/$1.secret" | tr -d '\\r\\n' >"$dir/$2"`,
    '  if [ ! -s "$dir/$2" ]; then',
    '    echo "no secret for the client $1: has the TokenDealer started once on this volume?" >&2',
    "    exit 1",
    "  fi",
    "}",
    "",
    ...clients.map((client) => `read_secret ${client.id} ${client.variable}`),
    `kubectl --namespace "$namespace" create secret generic ${CLIENT_SECRETS} \\`,
    ...clients.map((client) => `  --from-file=${client.variable}="$dir/${client.variable}" \\`),
    '  --dry-run=client --output=yaml | kubectl --namespace "$namespace" apply -f -',
    `echo "${CLIENT_SECRETS}: ${clients.map((client) => client.variable).join(", ")}"`,
    "",
  ].join("\n");
}
