/**
 * The users: a search (by email or name, debounced), one page at a time with next and previous (the
 * API's cursors); admins also create, edit and delete (after a confirmation).
 */
import { useEffect, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useDeleteUser, useMe, useUserPage } from "../api/queries.ts";
import type { User } from "../api/types.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { Page } from "../components/page.tsx";
import { Empty, ErrorMessage, Loading, Saved } from "../components/status.tsx";
import { useDebounced } from "../use-debounced.ts";

const PAGE_SIZE = 20;

export function UsersPage() {
  const me = useMe();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const q = useDebounced(text.trim(), 300);
  // The cursors of the pages before this one, then this page's own ("" for the first).
  const [cursors, setCursors] = useState<string[]>([""]);
  const cursor = cursors[cursors.length - 1] || undefined;
  const page = useUserPage(q, cursor, PAGE_SIZE);
  const [deleting, setDeleting] = useState<User | null>(null);
  const remove = useDeleteUser();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);

  // A new search starts at its first page, and is kept in the address (back from a user finds it again).
  const [searched, setSearched] = useState(q);
  if (searched !== q) {
    setSearched(q);
    setCursors([""]);
  }
  useEffect(() => {
    if ((params.get("q") ?? "") !== q) setParams(q ? { q } : {}, { replace: true });
  }, [q, params, setParams]);

  const confirmDelete = () => {
    if (!deleting) return;
    const gone = deleting;
    remove.mutate(gone.id, {
      onSuccess: () => {
        setDeleting(null);
        setNotice(`${gone.display_name} was deleted.`);
      },
    });
  };

  const users = page.data?.items ?? [];
  return (
    <Page
      title="Users"
      actions={
        me.is_admin && (
          <Link to="/users/new" className="button">
            Create user
          </Link>
        )
      }
    >
      {notice && <Saved>{notice}</Saved>}
      <search className="search">
        <label htmlFor="user-search">Search users</label>
        <input
          id="user-search"
          type="search"
          placeholder="Name or email"
          maxLength={100}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </search>
      {page.isPending ? (
        <Loading label="Loading users…" />
      ) : page.isError ? (
        <ErrorMessage error={page.error} title="The users could not be loaded" onRetry={() => page.refetch()} />
      ) : users.length === 0 ? (
        <Empty>{q ? <p>No user matches “{q}”.</p> : <p>There are no users yet.</p>}</Empty>
      ) : (
        <div className={`table-wrap${page.isPlaceholderData ? " is-stale" : ""}`} aria-busy={page.isFetching}>
          <table className="table users-table">
            <caption className="visually-hidden">Users{q ? ` matching “${q}”` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Location</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row" data-label="Name">
                    <Link to={`/users/${user.id}/edit`}>{user.display_name}</Link>
                    {user.is_admin && <span className="badge">admin</span>}
                    {user.id === me.id && <span className="badge badge-you">you</span>}
                  </th>
                  <td data-label="Email">{user.email ?? <span className="muted">none (Slack only)</span>}</td>
                  <td data-label="Location">{user.location ?? <span className="muted">not set</span>}</td>
                  <td>
                    <div className="row-actions">
                      {(me.is_admin || user.id === me.id) && (
                        <Link
                          to={`/users/${user.id}/edit`}
                          className="button button-secondary button-small"
                          aria-label={`Edit ${user.display_name}`}
                        >
                          Edit
                        </Link>
                      )}
                      {me.is_admin && user.id !== me.id && (
                        <button
                          type="button"
                          className="button button-danger button-small"
                          aria-label={`Delete ${user.display_name}`}
                          onClick={() => {
                            remove.reset();
                            setDeleting(user);
                          }}
                        >
                          Delete
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursors.length > 1 || page.data?.next_cursor) && (
        <nav className="pager" aria-label="Pages of users">
          <button
            type="button"
            className="button button-secondary"
            disabled={cursors.length < 2 || page.isFetching}
            onClick={() => setCursors((stack) => stack.slice(0, -1))}
          >
            Previous
          </button>
          <span className="pager-page">Page {cursors.length}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={!page.data?.next_cursor || page.isPlaceholderData}
            onClick={() => {
              const next = page.data?.next_cursor;
              if (next) setCursors((stack) => [...stack, next]);
            }}
          >
            Next
          </button>
        </nav>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this user?"
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting?.display_name} ({deleting?.email ?? "no email"}) and their settings will be deleted. This cannot be
          undone.
        </p>
        {remove.isError && <ErrorMessage error={remove.error} />}
      </ConfirmDialog>
    </Page>
  );
}
