/**
 * The API calls as TanStack Query queries and mutations: what the pages read (cached, with loading and
 * error states) and change (invalidating what they changed).
 */
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, csrf, unwrap } from "./client.ts";
import { isApiError } from "./problem.ts";
import type { Location, Session, SettingKey, User, UserCreate, UserUpdate } from "./types.ts";

/** The query keys, in one place. */
export const keys = {
  session: ["session"] as const,
  users: ["users"] as const,
  userPage: (q: string, cursor: string | undefined) => ["users", "page", q, cursor ?? ""] as const,
  user: (id: string) => ["users", "one", id] as const,
  profile: ["profile"] as const,
  workspaces: ["workspaces"] as const,
  services: ["services"] as const,
};

/** The logged-in session, or null when nobody is logged in (401); keeps the CSRF token up to date. */
export async function readSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET("/api/session"));
    csrf.set(session.csrf_token);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) {
      csrf.set(undefined);
      return null;
    }
    throw error;
  }
}

/** Forgets the session and every cached answer (logged out, or the session ended). */
export function endSession(client: QueryClient): void {
  csrf.set(undefined);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.session[0] });
  client.setQueryData(keys.session, null);
}

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: readSession, staleTime: Number.POSITIVE_INFINITY });
}

/** The logged-in person (only under a logged-in page). */
export function useMe(): User {
  const { data } = useSession();
  if (!data) throw new Error("useMe outside a session");
  return data.user;
}

export function useLogIn() {
  const client = useQueryClient();
  return useMutation({
    // A 401 here is a wrong password, not an ended session.
    meta: { loginAttempt: true },
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST("/api/session", { body })),
    onSuccess: (session) => {
      csrf.set(session.csrf_token);
      client.setQueryData(keys.session, session);
    },
  });
}

export function useLogOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await unwrap(api.DELETE("/api/session"));
      } catch (error) {
        // Already logged out (or the session ended): the page logs out all the same.
        if (!isApiError(error, 401)) throw error;
      }
    },
    onSuccess: () => endSession(client),
  });
}

export function useUserPage(q: string, cursor: string | undefined, limit = 20) {
  return useQuery({
    queryKey: keys.userPage(q, cursor),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/users", { params: { query: { q: q || undefined, cursor, limit } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: keys.user(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/users/{userId}", { params: { path: { userId: id } }, signal })),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => unwrap(api.POST("/api/users", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

/** Changes a user; the own user also refreshes the session (the name in the header) and the profile. */
export function useUpdateUser(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdate) =>
      unwrap(api.PATCH("/api/users/{userId}", { params: { path: { userId: id } }, body })),
    onSuccess: (user) => {
      client.setQueryData(keys.user(id), user);
      client.invalidateQueries({ queryKey: keys.users });
      client.invalidateQueries({ queryKey: keys.profile });
      const session = client.getQueryData<Session | null>(keys.session);
      if (session && session.user.id === id) client.setQueryData(keys.session, { ...session, user });
    },
  });
}

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/users/{userId}", { params: { path: { userId: id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useProfile() {
  return useQuery({ queryKey: keys.profile, queryFn: ({ signal }) => unwrap(api.GET("/api/me", { signal })) });
}

export function useSetLocation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Location) => unwrap(api.PUT("/api/me/location", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.profile }),
  });
}

export function useDeleteLocation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/me/location")),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.profile }),
  });
}

export function useSetSetting(key: SettingKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (value: string) =>
      unwrap(api.PUT("/api/me/settings/{key}", { params: { path: { key } }, body: { value } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.profile }),
  });
}

export function useDeleteSetting(key: SettingKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/me/settings/{key}", { params: { path: { key } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.profile }),
  });
}

export function useWorkspaces() {
  return useQuery({
    queryKey: keys.workspaces,
    queryFn: ({ signal }) => unwrap(api.GET("/api/workspaces", { signal })),
  });
}

export function useServices() {
  return useQuery({
    queryKey: keys.services,
    queryFn: ({ signal }) => unwrap(api.GET("/api/services", { signal })),
    staleTime: 5 * 60_000,
  });
}
