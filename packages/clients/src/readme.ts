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
  clientId: "my-app",
  clientSecret: process.env.MY_APP_SECRET!,
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
`;
}
