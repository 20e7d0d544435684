/** Client credentials as presented, not yet checked. */
export interface PresentedCredentials {
  ok: true;
  id: string;
  secret: string;
  /** How they came: `client_secret_basic` (HTTP Basic) or `client_secret_post` (form fields). */
  method: "client_secret_basic" | "client_secret_post";
}

/** Why no credentials could be read: a malformed request (400) or no usable credentials (401). */
export interface CredentialsProblem {
  ok: false;
  error: "invalid_request" | "invalid_client";
  description: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes one form-url-encoded part of Basic credentials (RFC 6749 §2.3.1, Appendix B). */
function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

function fromBasic(authorization: string): PresentedCredentials | CredentialsProblem {
  const invalid: CredentialsProblem = {
    ok: false,
    error: "invalid_client",
    description: "malformed Basic credentials",
  };
  const match = /^Basic[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match || !BASE64.test(match[1])) return invalid;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return invalid;
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  if (!id || secret === undefined) return invalid;
  return { ok: true, id, secret, method: "client_secret_basic" };
}

/**
 * The client id a request presents, for counting its attempts: the Basic credentials' id when they
 * decode, else the form's `client_id`; undefined when there is neither. Nothing is checked.
 */
export function presentedClientId(authorization: string | undefined, form: unknown): string | undefined {
  if (authorization !== undefined && /^Basic\s/i.test(authorization)) {
    const basic = fromBasic(authorization);
    if (basic.ok) return basic.id;
  }
  const formId = (form as { client_id?: unknown } | null | undefined)?.client_id;
  return typeof formId === "string" && formId !== "" ? formId : undefined;
}

/**
 * Reads the client's credentials from an `Authorization: Basic` header or the form fields `client_id`
 * and `client_secret` (RFC 6749 §2.3.1). Both methods at once is invalid_request; another scheme, a
 * malformed header, a missing secret or no credentials at all is invalid_client.
 */
export function readClientCredentials(
  authorization: string | undefined,
  form: { client_id?: string; client_secret?: string },
): PresentedCredentials | CredentialsProblem {
  const formId = form.client_id || undefined;
  const formSecret = form.client_secret || undefined;
  if (authorization !== undefined && authorization !== "") {
    if (!/^Basic\s/i.test(authorization)) {
      return { ok: false, error: "invalid_client", description: "client authentication must use HTTP Basic" };
    }
    if (formSecret !== undefined) {
      return {
        ok: false,
        error: "invalid_request",
        description: "use one client authentication method: HTTP Basic or client_secret in the form, not both",
      };
    }
    const basic = fromBasic(authorization);
    if (basic.ok && formId !== undefined && formId !== basic.id) {
      return { ok: false, error: "invalid_request", description: "client_id differs from the Basic credentials" };
    }
    return basic;
  }
  if (formId === undefined) {
    return { ok: false, error: "invalid_client", description: "client authentication is required" };
  }
  if (formSecret === undefined) {
    return { ok: false, error: "invalid_client", description: "client_secret is required" };
  }
  return { ok: true, id: formId, secret: formSecret, method: "client_secret_post" };
}
