/**
 * The page's routes (in the URL's fragment, so that the server needs no fallback for them): the login,
 * then every page behind the session.
 */
import { createHashRouter, Navigate, Outlet, RouterProvider, useLocation } from "react-router";
import { useSession } from "./api/queries.ts";
import { Layout } from "./components/layout.tsx";
import { ErrorMessage, Loading } from "./components/status.tsx";
import { ChatPage } from "./pages/chat.tsx";
import { LoginPage } from "./pages/login.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { ProfilePage } from "./pages/profile.tsx";
import { ServicesPage } from "./pages/services.tsx";
import { CreateUserPage, EditUserPage } from "./pages/user-form.tsx";
import { UsersPage } from "./pages/users.tsx";
import { WorkspacesPage } from "./pages/workspaces.tsx";

/** Shows its pages to a logged-in person; sends anyone else to the login (and back afterwards). */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <main id="main" className="boot">
        <Loading label="Loading the dashboard…" />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="boot">
        <ErrorMessage error={session.error} title="The dashboard cannot start" onRetry={() => session.refetch()} />
      </main>
    );
  }
  if (!session.data) return <Navigate to="/login" state={{ from: location }} replace />;
  return <Outlet />;
}

const router = createHashRouter([
  { path: "/login", element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/users" replace /> },
          { path: "users", element: <UsersPage /> },
          { path: "users/new", element: <CreateUserPage /> },
          { path: "users/:userId/edit", element: <EditUserPage /> },
          { path: "profile", element: <ProfilePage /> },
          { path: "workspaces", element: <WorkspacesPage /> },
          { path: "chat", element: <ChatPage /> },
          { path: "api", element: <ServicesPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
