import type { Topology } from "../topology-types.ts";

/** The bench's requests to the dataservice that prepare a figure (a user to read, a full page to list). */

interface UserPage {
  items: { id: string }[];
  next_cursor?: string;
}

/** A token for reading and writing users (users:read users:write), one per preparation. */
function writerToken(topology: Topology): Promise<string> {
  return topology.token("dataservice", ["users:read", "users:write"]);
}

function call(topology: Topology, token: string, path: string, body?: unknown) {
  return fetch(`${topology.urls.dataservice}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

async function createOrFind(topology: Topology, token: string, email: string, displayName: string) {
  const created = await call(topology, token, "/users", { email, display_name: displayName });
  if (created.status === 201) return ((await created.json()) as { id: string }).id;
  await created.arrayBuffer();
  const found = await call(topology, token, `/users?email=${encodeURIComponent(email)}`);
  const page = (await found.json()) as UserPage;
  const id = page.items?.[0]?.id;
  if (found.status !== 200 || !id) throw new Error(`POST /users ${email} answered ${created.status}, and no such user`);
  return id;
}

/** The id of the user with `email`, created (POST /users) when it does not exist yet. */
export async function ensureUser(topology: Topology, email: string, displayName: string): Promise<string> {
  return createOrFind(topology, await writerToken(topology), email, displayName);
}

/** Makes sure GET /users?limit=`count` is a full page: creates the users missing (POST /users). */
export async function ensureUsers(topology: Topology, count: number): Promise<void> {
  const token = await writerToken(topology);
  const listed = await call(topology, token, `/users?limit=${count}`);
  const page = (await listed.json()) as UserPage;
  if (listed.status !== 200) throw new Error(`GET /users answered ${listed.status}`);
  for (let index = page.items.length; index < count; index++) {
    await createOrFind(topology, token, `bench-page-${index}@example.com`, `Page User ${index}`);
  }
}
