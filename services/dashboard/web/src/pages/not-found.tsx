/** A page the router does not know. */
import { Link } from "react-router";
import { Page } from "../components/page.tsx";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no such page.</p>
      <p>
        <Link to="/users">Go to the users</Link>
      </p>
    </Page>
  );
}
