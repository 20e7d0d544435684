/**
 * Creating a user (admins) and changing one. The API decides who may do what: a person who is not an
 * admin may open someone else's page, and the dataservice's refusal (403) is shown. Each field error of
 * the answer (`/body/email` …) is shown under its input; nothing is checked here that would hide the
 * server's message.
 */
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/problem.ts";
import { useCreateUser, useMe, useUpdateUser, useUser } from "../api/queries.ts";
import type { User, UserUpdate } from "../api/types.ts";
import { Field } from "../components/field.tsx";
import { Page } from "../components/page.tsx";
import { ErrorMessage, Loading, Saved } from "../components/status.tsx";

const INPUTS = ["display_name", "email", "password", "current_password", "is_admin"];

interface Values {
  display_name: string;
  email: string;
  password: string;
  /** The person's present password, asked when they change their own. */
  current_password: string;
  is_admin: boolean;
}

/** The form's error summary: the problem's message, or a pointer to the fields when they say it all. */
function FormError({ error }: { error: unknown }) {
  if (error instanceof ApiError) {
    const other = error.otherErrors(INPUTS);
    if (error.errors.length > 0 && other.length === 0) {
      return (
        <div className="alert alert-error" role="alert">
          <p>Check the fields marked below.</p>
        </div>
      );
    }
  }
  return <ErrorMessage error={error} title="Not saved" />;
}

function UserFields({
  values,
  onChange,
  error,
  creating,
  showAdmin,
  own = false,
}: {
  values: Values;
  onChange: (values: Values) => void;
  error: unknown;
  creating: boolean;
  showAdmin: boolean;
  /** The person's own account: a new password needs the present one. */
  own?: boolean;
}) {
  const errors = error instanceof ApiError ? error.fieldErrors : {};
  return (
    <>
      <Field
        label="Name"
        name="display_name"
        autoComplete="off"
        value={values.display_name}
        error={errors.display_name}
        onChange={(event) => onChange({ ...values, display_name: event.target.value })}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        value={values.email}
        error={errors.email}
        onChange={(event) => onChange({ ...values, email: event.target.value })}
      />
      <Field
        label={creating ? "Password" : "New password"}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={creating ? "At least 8 characters." : "Leave it empty to keep the current password."}
        value={values.password}
        error={errors.password}
        onChange={(event) => onChange({ ...values, password: event.target.value })}
      />
      {own && (values.password !== "" || errors.current_password) && (
        <Field
          label="Present password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          hint="Your password now, to change it."
          value={values.current_password}
          error={errors.current_password}
          onChange={(event) => onChange({ ...values, current_password: event.target.value })}
        />
      )}
      {showAdmin && (
        <div className={`field field-check${errors.is_admin ? " field-invalid" : ""}`}>
          <input
            id="user-is-admin"
            name="is_admin"
            type="checkbox"
            checked={values.is_admin}
            aria-describedby={errors.is_admin ? "user-is-admin-error" : undefined}
            onChange={(event) => onChange({ ...values, is_admin: event.target.checked })}
          />
          <label htmlFor="user-is-admin">Administrator (manages users)</label>
          {errors.is_admin && (
            <p id="user-is-admin-error" className="field-error" data-field="is_admin">
              {errors.is_admin}
            </p>
          )}
        </div>
      )}
    </>
  );
}

export function CreateUserPage() {
  const me = useMe();
  const create = useCreateUser();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({
    display_name: "",
    email: "",
    password: "",
    current_password: "",
    is_admin: false,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { display_name: values.display_name, email: values.email, password: values.password, is_admin: values.is_admin },
      { onSuccess: (user) => navigate("/users", { state: { notice: `${user.display_name} was created.` } }) },
    );
  };
  return (
    <Page title="Create a user">
      <form className="card form" onSubmit={submit} noValidate aria-label="Create a user">
        {create.isError && <FormError error={create.error} />}
        <UserFields values={values} onChange={setValues} error={create.error} creating showAdmin={me.is_admin} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </button>
          <Link to="/users" className="button button-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}

export function EditUserPage() {
  const { userId = "" } = useParams();
  const user = useUser(userId);
  return (
    <Page title={user.data ? `Edit ${user.data.display_name}` : "Edit user"}>
      {user.isPending ? (
        <Loading label="Loading the user…" />
      ) : user.isError ? (
        <ErrorMessage error={user.error} title="The user could not be loaded" onRetry={() => user.refetch()} />
      ) : (
        <EditUserForm key={user.data.id} user={user.data} />
      )}
    </Page>
  );
}

function EditUserForm({ user }: { user: User }) {
  const me = useMe();
  const own = me.id === user.id;
  const update = useUpdateUser(user.id);
  const initial: Values = {
    display_name: user.display_name,
    email: user.email ?? "",
    password: "",
    current_password: "",
    is_admin: user.is_admin,
  };
  const [values, setValues] = useState<Values>(initial);
  const [saved, setSaved] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes: UserUpdate = {};
    if (values.display_name !== initial.display_name) changes.display_name = values.display_name;
    if (values.email !== initial.email) changes.email = values.email;
    if (values.password) changes.password = values.password;
    if (values.password && own && values.current_password) changes.current_password = values.current_password;
    if (values.is_admin !== initial.is_admin) changes.is_admin = values.is_admin;
    setSaved(false);
    setUnchanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: () => {
        setSaved(true);
        setValues((current) => ({ ...current, password: "", current_password: "" }));
      },
    });
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label={`Edit ${user.display_name}`}>
      {update.isError && <FormError error={update.error} />}
      {saved && <Saved>Saved.</Saved>}
      {unchanged && <p role="status">Nothing changed.</p>}
      <dl className="facts">
        <dt>Created</dt>
        <dd>{new Date(user.created_at).toLocaleString()}</dd>
        {user.slack_user_id && (
          <>
            <dt>Slack</dt>
            <dd>
              {user.slack_user_id} in {user.slack_team_id}
            </dd>
          </>
        )}
        <dt>Location</dt>
        <dd>{user.location ?? "not set"}</dd>
      </dl>
      <UserFields
        values={values}
        onChange={(next) => {
          setSaved(false);
          setValues(next);
        }}
        error={update.error}
        creating={false}
        showAdmin={me.is_admin}
        own={own}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </button>
        <Link to="/users" className="button button-secondary">
          Back to the users
        </Link>
      </div>
    </form>
  );
}
