import { SERVICE_MANIFESTS } from "@jeeves/manifest";

/** A service of the suite and where its API documentation is. */
export interface ServiceLink {
  name: string;
  description: string;
  docs_url: string;
}

/**
 * Every service of the manifest (`@jeeves/manifest`, in start order) with its docs at `<public URL>/docs`.
 * `publicUrls` has the others' public URLs by name; the dashboard's own docs are `<ownUrl>/docs`, or `/docs`
 * (same origin as the page) when its public URL is not set.
 */
export function serviceLinks(publicUrls: Record<string, string>, own: { name: string; url?: string }): ServiceLink[] {
  return SERVICE_MANIFESTS.map(({ name, description }) => {
    const base = name === own.name ? (own.url ?? "") : publicUrls[name];
    return { name, description, docs_url: `${base ?? ""}/docs` };
  });
}

/** Where "Add to Slack" starts: the slackbot's `/slack/install` at its public URL. */
export function installUrl(slackbotPublicUrl: string): string {
  return `${slackbotPublicUrl}/slack/install`;
}
