/**
 * The frame of every logged-in page: a header with the navigation (a menu button on phones), the
 * person's name and Log out, then the page. A skip link leads keyboard users past the header.
 */
import { useEffect, useId, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useLogOut, useMe } from "../api/queries.ts";
import { ChatProvider } from "../chat-store.tsx";
import { ErrorMessage } from "./status.tsx";

const LINKS = [
  { to: "/users", label: "Users" },
  { to: "/chat", label: "Chat" },
  { to: "/profile", label: "My profile" },
  { to: "/workspaces", label: "Workspaces" },
  { to: "/api", label: "API" },
];

export function Layout() {
  const me = useMe();
  const logOut = useLogOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  // A page chosen from the menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <ChatProvider key={me.id}>
      <button type="button" className="skip-link" onClick={skipToMain}>
        Skip to the page
      </button>
      <header className="header">
        <div className="header-bar">
          <NavLink to="/users" className="brand">
            Jeeves
          </NavLink>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
        </div>
        <nav id={navId} className={`nav${menuOpen ? " nav-open" : ""}`} aria-label="Main">
          <ul>
            {LINKS.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to}>{link.label}</NavLink>
              </li>
            ))}
          </ul>
          <div className="account">
            <span className="account-name" title={me.email}>
              {me.display_name}
              {me.is_admin && <span className="badge">admin</span>}
            </span>
            <button
              type="button"
              className="button button-secondary"
              disabled={logOut.isPending}
              onClick={() => logOut.mutate(undefined, { onSuccess: () => navigate("/login", { replace: true }) })}
            >
              {logOut.isPending ? "Logging out…" : "Log out"}
            </button>
          </div>
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {logOut.isError && <ErrorMessage error={logOut.error} title="Could not log out" />}
        <Outlet />
      </main>
    </ChatProvider>
  );
}

/** The skip link is a button: in a hash-routed page a link to `#main` would be read as a route. */
function skipToMain() {
  document.getElementById("main")?.focus();
}
