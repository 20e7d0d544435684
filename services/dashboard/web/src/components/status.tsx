/** The pages' loading, empty and error states. */
import type { ReactNode } from "react";
import { ApiError, errorMessage } from "../api/problem.ts";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** An error shown where it happened, with the code for those who report it, and a retry when given. */
export function ErrorMessage({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="alert alert-error" role="alert">
      {title && <p className="alert-title">{title}</p>}
      <p>{errorMessage(error)}</p>
      {code && <p className="alert-code">{code}</p>}
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A short confirmation that something was saved (announced politely). */
export function Saved({ children }: { children: ReactNode }) {
  return (
    <p className="saved" role="status">
      {children}
    </p>
  );
}
