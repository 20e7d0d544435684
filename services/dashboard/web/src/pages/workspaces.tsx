/** The Slack workspaces Jeeves is installed in, and "Add to Slack" (the slackbot's install page). */
import { useWorkspaces } from "../api/queries.ts";
import { Page } from "../components/page.tsx";
import { Empty, ErrorMessage, Loading } from "../components/status.tsx";

function AddToSlack({ url }: { url: string }) {
  return (
    <a className="button button-slack" href={url}>
      Add to Slack
    </a>
  );
}

export function WorkspacesPage() {
  const workspaces = useWorkspaces();
  return (
    <Page title="Workspaces" actions={workspaces.data && <AddToSlack url={workspaces.data.install_url} />}>
      {workspaces.isPending ? (
        <Loading label="Loading the workspaces…" />
      ) : workspaces.isError ? (
        <ErrorMessage
          error={workspaces.error}
          title="The workspaces could not be loaded"
          onRetry={() => workspaces.refetch()}
        />
      ) : workspaces.data.items.length === 0 ? (
        <Empty>
          <p>Jeeves is not in any Slack workspace yet.</p>
          <p>Add it to yours, then mention @Jeeves or write to it directly.</p>
          <AddToSlack url={workspaces.data.install_url} />
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Slack workspaces</caption>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Team ID</th>
                <th scope="col">Installed</th>
              </tr>
            </thead>
            <tbody>
              {workspaces.data.items.map((workspace) => (
                <tr key={workspace.team_id}>
                  <th scope="row" data-label="Workspace">
                    {workspace.team_name}
                  </th>
                  <td data-label="Team ID">
                    <code>{workspace.team_id}</code>
                  </td>
                  <td data-label="Installed">
                    <time dateTime={workspace.installed_at}>{new Date(workspace.installed_at).toLocaleString()}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
