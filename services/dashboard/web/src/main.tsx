/**
 * The dashboard page's entry: TanStack Query (answers cached; an ended session, 401 anywhere, leads
 * back to the login) around the router.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, isApiError } from "./api/problem.ts";
import { endSession, keys } from "./api/queries.ts";
import { App } from "./app.tsx";
import "./styles.css";

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: { loginAttempt?: boolean };
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (isApiError(error, 401) && query.queryKey[0] !== keys.session[0]) endSession(queryClient);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _result, mutation) => {
      if (isApiError(error, 401) && !mutation.meta?.loginAttempt) endSession(queryClient);
    },
  }),
  defaultOptions: {
    queries: {
      // A refusal (4xx) is not asked again; an unreachable or failing service once more.
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
