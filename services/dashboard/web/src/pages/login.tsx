/** Logging in with email and password: a wrong one says so (401), too many tries say how long to wait (429). */
import { type FormEvent, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { ApiError, errorMessage } from "../api/problem.ts";
import { useLogIn, useSession } from "../api/queries.ts";
import { Field } from "../components/field.tsx";

/** Where the login page sends the person afterwards: the page they asked for, else the users. */
function destination(state: unknown): string {
  const from = (state as { from?: { pathname?: string } } | null)?.from?.pathname;
  return from && from !== "/login" ? from : "/users";
}

/** What the person reads when logging in failed. */
function loginFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Wrong email or password.";
    if (error.status === 429) {
      const wait = error.retryAfter;
      return wait
        ? `Too many failed logins. Try again in ${wait} second${wait === 1 ? "" : "s"}.`
        : (error.detail ?? "Too many failed logins. Try again later.");
    }
    if (error.status === 400 && error.errors.length > 0) return "Check the fields below.";
  }
  return errorMessage(error);
}

export function LoginPage() {
  const session = useSession();
  const logIn = useLogIn();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  if (session.data) return <Navigate to={destination(location.state)} replace />;
  const fieldErrors = logIn.error instanceof ApiError ? logIn.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    logIn.mutate({ email, password }, { onSuccess: () => navigate(destination(location.state), { replace: true }) });
  };
  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Jeeves</h1>
        <p className="login-lead">Log in to the dashboard.</p>
        {logIn.isError && (
          <div className="alert alert-error" role="alert">
            <p>{loginFailure(logIn.error)}</p>
          </div>
        )}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          error={fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={fieldErrors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button" disabled={logIn.isPending}>
          {logIn.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
