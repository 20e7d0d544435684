/**
 * The logged-in person's own profile: their name (PATCH /api/users/{own id}), their location (what
 * `weather` answers for) and their settings (units, time zone, the daily alert time), each saved or
 * cleared on its own, with the API's field errors under the input.
 */
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { ApiError } from "../api/problem.ts";
import {
  useDeleteLocation,
  useDeleteSetting,
  useMe,
  useProfile,
  useSetLocation,
  useSetSetting,
  useUpdateUser,
} from "../api/queries.ts";
import type { Profile, SettingKey } from "../api/types.ts";
import { Field, SelectField } from "../components/field.tsx";
import { Page } from "../components/page.tsx";
import { ErrorMessage, Loading, Saved } from "../components/status.tsx";

/** The error of a form, unless each of its field errors is shown under an input of `inputs`. */
function FormError({ error, inputs }: { error: unknown; inputs: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError && error.errors.length > 0 && error.otherErrors(inputs).length === 0) return null;
  return <ErrorMessage error={error} title="Not saved" />;
}

function fieldError(error: unknown, name: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[name] : undefined;
}

export function ProfilePage() {
  const profile = useProfile();
  return (
    <Page title="My profile">
      {profile.isPending ? (
        <Loading label="Loading your profile…" />
      ) : profile.isError ? (
        <ErrorMessage
          error={profile.error}
          title="Your profile could not be loaded"
          onRetry={() => profile.refetch()}
        />
      ) : (
        <div className="stack">
          <NameForm name={profile.data.user.display_name} />
          <LocationForm profile={profile.data} />
          <SettingsSection profile={profile.data} />
        </div>
      )}
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function NameForm({ name }: { name: string }) {
  const me = useMe();
  const update = useUpdateUser(me.id);
  const [value, setValue] = useState(name);
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ display_name: value }, { onSuccess: () => setSaved(true) });
  };
  return (
    <Section title="Name">
      <form className="form inline-form" onSubmit={submit} noValidate aria-label="Name">
        <FormError error={update.error} inputs={["display_name"]} />
        <Field
          label="Display name"
          name="display_name"
          autoComplete="name"
          value={value}
          error={fieldError(update.error, "display_name")}
          onChange={(event) => setValue(event.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save name"}
          </button>
          {saved && <Saved>Name saved.</Saved>}
        </div>
      </form>
    </Section>
  );
}

function LocationForm({ profile }: { profile: Profile }) {
  const save = useSetLocation();
  const forget = useDeleteLocation();
  const [place, setPlace] = useState(profile.location?.place ?? "");
  const [done, setDone] = useState<string | null>(null);
  const error = save.error ?? forget.error;
  const busy = save.isPending || forget.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    forget.reset();
    save.mutate({ place: place.trim() }, { onSuccess: (saved) => setDone(`Location saved: ${saved.place}.`) });
  };
  return (
    <Section title="Location">
      <form className="form inline-form" onSubmit={submit} noValidate aria-label="Location">
        <p className="muted">Jeeves answers “weather” for this place.</p>
        <FormError error={error} inputs={["place"]} />
        <Field
          label="Place"
          name="place"
          placeholder="e.g. Paris"
          autoComplete="address-level2"
          value={place}
          error={fieldError(save.error, "place")}
          onChange={(event) => setPlace(event.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {save.isPending ? "Saving…" : "Save location"}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || !profile.location}
            onClick={() => {
              setDone(null);
              save.reset();
              forget.mutate(undefined, {
                onSuccess: () => {
                  setPlace("");
                  setDone("Location forgotten.");
                },
              });
            }}
          >
            {forget.isPending ? "Forgetting…" : "Forget location"}
          </button>
          {done && <Saved>{done}</Saved>}
        </div>
      </form>
    </Section>
  );
}

/** The IANA time zones this browser knows, for the time zone input's suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

function SettingsSection({ profile }: { profile: Profile }) {
  const current = (key: SettingKey) => profile.settings.find((setting) => setting.key === key)?.value;
  return (
    <Section title="Settings">
      <div className="settings">
        <SettingForm
          settingKey="units"
          label="Units"
          fallback="metric"
          current={current("units")}
          render={({ value, setValue, error, name }) => (
            <SelectField
              label="Units"
              name={name}
              value={value}
              error={error}
              onChange={setValue}
              options={[
                { value: "", label: "Choose…" },
                { value: "metric", label: "Metric (°C, m/s)" },
                { value: "imperial", label: "Imperial (°F, mph)" },
              ]}
            />
          )}
        />
        <SettingForm
          settingKey="timezone"
          label="Time zone"
          fallback="UTC"
          current={current("timezone")}
          render={({ value, setValue, error, name }) => (
            <>
              <Field
                label="Time zone"
                name={name}
                placeholder="e.g. Europe/Paris"
                list="time-zones"
                autoComplete="off"
                hint="An IANA name such as Europe/London."
                value={value}
                error={error}
                onChange={(event) => setValue(event.target.value)}
              />
              <datalist id="time-zones">
                {timeZones().map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        />
        <SettingForm
          settingKey="alerts"
          label="Daily weather alert"
          fallback="off"
          current={current("alerts")}
          render={({ value, setValue, error, name }) => (
            <Field
              label="Daily weather alert"
              name={name}
              type="time"
              hint="The time (HH:MM) Jeeves sends you the day's weather in Slack."
              value={value}
              error={error}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        />
      </div>
    </Section>
  );
}

interface SettingInput {
  value: string;
  setValue: (value: string) => void;
  error: string | undefined;
  /** The input's name: the API's errors for it are on `/body/value`. */
  name: string;
}

function SettingForm({
  settingKey,
  label,
  fallback,
  current,
  render,
}: {
  settingKey: SettingKey;
  label: string;
  /** What applies while the setting is not set. */
  fallback: string;
  current: string | undefined;
  render: (input: SettingInput) => ReactNode;
}) {
  const save = useSetSetting(settingKey);
  const clear = useDeleteSetting(settingKey);
  const [value, setValue] = useState(current ?? "");
  const [done, setDone] = useState<string | null>(null);
  const busy = save.isPending || clear.isPending;
  const error = save.error ?? clear.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    clear.reset();
    save.mutate(value, { onSuccess: () => setDone(`${label} saved.`) });
  };
  return (
    <form className="form setting" onSubmit={submit} noValidate aria-label={`${label} setting`}>
      <FormError error={error} inputs={["value"]} />
      {render({ value, setValue, error: fieldError(save.error, "value"), name: "value" })}
      <p className="muted setting-current">Now: {current ?? `${fallback} (the default)`}</p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {save.isPending ? "Saving…" : `Save ${label.toLowerCase()}`}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || current === undefined}
          onClick={() => {
            setDone(null);
            save.reset();
            clear.mutate(undefined, {
              onSuccess: () => {
                setValue("");
                setDone(`${label} back to the default.`);
              },
            });
          }}
        >
          {clear.isPending ? "Clearing…" : "Use the default"}
        </button>
        {done && <Saved>{done}</Saved>}
      </div>
    </form>
  );
}
