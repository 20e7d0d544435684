import type { SpecEntry } from "./entry-points.ts";

/** The usage page shipped in the package. */
export function renderReadme(version: string, specs: SpecEntry[]): string {
  const rows = specs.map((s) => `| \`@jeeves/clients/${s.name}\` | ${s.title} | ${s.version} |`).join("\n");
  return `# @jeeves/clients ${version}

Typed clients of the Jeeves services, generated from their OpenAPI specs. Bodies travel as JSON,
MessagePack or protobuf, gzip-compressed or not; your code always sees the spec's JSON shapes.

| import | service | spec version |
|---|---|---|
${rows}
| \`@jeeves/clients/proto\` | the protobuf messages (protobufjs static code) | |

## Usage

\`\`\`ts
import { createTokenProvider } from "@jeeves/clients";
import { createDataserviceClient } from "@jeeves/clients/dataservice";

const auth = createTokenProvider({
  tokendealerUrl: "http://127.0.0.1:3000",
  clientId: process.env.JEEVES_CLIENT_ID!,
  clientSecret: process.env.JEEVES_CLIENT_SECRET!,
  audience: "dataservice",
});
const dataservice = createDataserviceClient({ baseUrl: "http://127.0.0.1:3001", encoding: "protobuf", gzip: true, auth });

const { data, error, response } = await dataservice.GET("/users/{userId}", { params: { path: { userId } } });
if (error) throw new Error(\`\${response.status} \${error.title}\`); // application/problem+json
console.log(data.display_name);
\`\`\`

Tokens are fetched, cached and renewed by the provider; a 401 renews the token and retries once.
The package version is the highest \`info.version\` of the specs it holds; a breaking change to a spec
raises its major version, and so this package's.

## Getting a client id and secret

Every call carries a token of the Jeeves TokenDealer (OAuth 2.0 client credentials), and the
TokenDealer gives tokens only to the clients in its registry. A client is an id, a secret, the scopes
it may ask for and the audiences (the services) it may ask tokens for; each token is for one audience,
so a project that calls two services makes one token provider per service, with the same id and secret.

**How the clients are kept.** The registry is \`clients.yaml\` in the TokenDealer's data folder
(\`data/tokendealer/\` of the Jeeves checkout by default; \`DATA_DIR\`, \`TOKENDEALER_CLIENTS_FILE\`); it
holds only scrypt hashes of the secrets. Its first start creates the default clients: one per service
(\`actions\`, \`slackbot\`, \`scheduler\`), each with exactly the scopes that service calls, and
\`jeeves-admin\` with every scope. Their plain secrets are written once to
\`data/tokendealer/secrets/<client-id>.secret\` (mode 600), where the services of \`npm start\` read them;
a service run on its own takes \`<SERVICE>_CLIENT_ID\` and \`<SERVICE>_CLIENT_SECRET\` (or
\`<SERVICE>_CLIENT_SECRET_FILE\`). Do not borrow those for another project, least of all
\`jeeves-admin\`.

**Registering a client for your project.** Whoever runs the TokenDealer registers one client per
outside project, with only the scopes and audiences it needs, from the Jeeves checkout (same \`DATA_DIR\`
as the server; a running TokenDealer picks the new client up without a restart):

\`\`\`sh
npm run cli -w @jeeves/tokendealer -- add-client --id weather-widget --scopes weather:read --audiences weather
# added client weather-widget (scopes weather:read; audiences weather)
# client_secret: …   (shown this once: only its hash is stored)
npm run cli -w @jeeves/tokendealer -- list-clients
\`\`\`

| scope | allows | audience |
|---|---|---|
| \`users:read\` | read users, their settings and location | \`dataservice\` |
| \`users:write\` | create users, change settings and location | \`dataservice\` |
| \`users:admin\` | make or unmake admins; change another user's password or email | \`dataservice\` |
| \`workspaces:read\` | read installed workspaces (without tokens) | \`dataservice\` |
| \`workspaces:write\` | install, update and uninstall workspaces | \`dataservice\` |
| \`workspaces:secrets\` | read a workspace's bot token | \`dataservice\` |
| \`weather:read\` | ask the weather service | \`weather\` |
| \`chat:write\` | post to the local chat (\`POST /chat\`) | \`slackbot\` |

Keep the secret out of your code and repository: give it to the process in an environment variable
(or a file only it can read), and ask only for the scopes the call needs:

\`\`\`ts
import { createTokenProvider } from "@jeeves/clients";
import { createWeatherClient } from "@jeeves/clients/weather";

const auth = createTokenProvider({
  tokendealerUrl: process.env.JEEVES_TOKENDEALER_URL ?? "http://127.0.0.1:3000",
  clientId: process.env.JEEVES_CLIENT_ID!, // weather-widget
  clientSecret: process.env.JEEVES_CLIENT_SECRET!,
  audience: "weather",
  scopes: ["weather:read"],
});
const weather = createWeatherClient({ baseUrl: process.env.JEEVES_WEATHER_URL ?? "http://127.0.0.1:3004", auth });

const { data, error, response } = await weather.GET("/weather", { params: { query: { location: "Berlin" } } });
if (error) throw new Error(\`\${response.status} \${error.title}\`);
console.log(\`\${data.temperature} (\${data.units}) in \${data.place}\`);
\`\`\`

A wrong id or secret rejects with \`TokenRequestError\` (\`invalid_client\`); a scope or audience the
client does not hold, with \`invalid_scope\` or \`invalid_target\`.
`;
}
