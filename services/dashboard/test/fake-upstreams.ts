import { problemResponse, type SeenRequest } from "../testing/index.ts";

/** The person the fake dataservice knows. */
export const BERTIE = {
  id: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f",
  email: "bertie@example.com",
  display_name: "Bertie Wooster",
  is_admin: false,
  created_at: "2026-11-28T08:00:00.000Z",
  updated_at: "2026-11-28T08:00:00.000Z",
};

/** Bertie's password. */
export const PASSWORD = "what-ho-jeeves";

/** A user Bertie is not. */
export const OTHER_ID = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e90";

const json = (body: unknown, status = 200) => Response.json(body, { status });

/**
 * A fake dataservice's answers: Bertie's password check, Bertie, a page of users, his (absent) location,
 * his settings, one workspace, and what he sets. Any other request is 404.
 */
export function dataserviceScript(request: SeenRequest): Response {
  const { method, path } = request;
  const route = `${method} ${path.split("?")[0]}`;
  const me = `/users/${BERTIE.id}`;
  switch (route) {
    case "POST /users/verify-password": {
      const { email, password } = JSON.parse(request.body) as { email: string; password: string };
      if (email === BERTIE.email && password === PASSWORD) return json(BERTIE);
      return problemResponse(401, { code: "DATASERVICE_ERR_BAD_CREDENTIALS", title: "Unauthorized" });
    }
    case `GET ${me}`:
      return json(BERTIE);
    case "GET /users":
      return json({ items: [BERTIE], next_cursor: "next" });
    case `GET ${me}/location`:
      return problemResponse(404, { code: "DATASERVICE_ERR_LOCATION_NOT_FOUND", title: "Location not found" });
    case `PUT ${me}/location`:
      return json(JSON.parse(request.body));
    case `DELETE ${me}/location`:
      return problemResponse(404, { code: "DATASERVICE_ERR_LOCATION_NOT_FOUND", title: "Location not found" });
    case `GET ${me}/settings`:
      return json({ items: [{ key: "units", value: "metric", updated_at: BERTIE.updated_at }] });
    case "GET /workspaces":
      return json({
        items: [
          {
            team_id: "T0123ABCD",
            team_name: "Drones Club",
            bot_user_id: "U0BOT0001",
            scopes: ["chat:write"],
            installed_at: BERTIE.created_at,
            updated_at: BERTIE.updated_at,
          },
        ],
      });
  }
  if (method === "PUT" && path.startsWith(`${me}/settings/`)) {
    const key = path.slice(`${me}/settings/`.length);
    return json({ key, value: (JSON.parse(request.body) as { value: string }).value, updated_at: BERTIE.updated_at });
  }
  if (method === "DELETE" && path.startsWith(`${me}/settings/`)) {
    return problemResponse(404, { code: "DATASERVICE_ERR_SETTING_NOT_FOUND", title: "Setting not found" });
  }
  return problemResponse(404, { code: "DATASERVICE_ERR_USER_NOT_FOUND", title: "User not found" });
}

/** A fake slackbot's `/chat`: replies `You said: <text>`. */
export function slackbotScript(request: SeenRequest): Response {
  if (request.method !== "POST" || request.path !== "/chat") return problemResponse(404, { title: "Not Found" });
  const { text } = JSON.parse(request.body) as { text: string };
  return json({
    reply_to: "3f1c2a9e-8d4b-4c7e-9a1f-2b3c4d5e6f70",
    text: `You said: ${text}`,
    time: "2026-11-28T08:00:01.000Z",
  });
}
