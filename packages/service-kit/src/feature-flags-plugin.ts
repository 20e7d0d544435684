import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { defaultFeatureFlags, type FeatureFlags, openFeatureFlags } from "./feature-flags.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The feature flags (docs/feature-flags.md), evaluated with `{ workspace, user }`. */
    flags: FeatureFlags;
  }
}

/** Options of {@link featureFlagsPlugin}: flags of the caller's (kept open), or a file to open (closed with the app). */
export interface FeatureFlagsPluginOptions {
  /** Flags the caller made and closes (tests, or one set shared by several apps). */
  flags?: FeatureFlags;
  /** `FLAGS_FILE`: opened with the app's log, watched, closed with the app. Neither: the defaults. */
  file?: string;
  /** How often the file is polled besides fs.watch, ms (tests: short). */
  pollMs?: number;
}

/** Decorates `app.flags`: the given flags, the flags file's, or the defaults. */
export const featureFlagsPlugin = fp(
  async (app: FastifyInstance, options: FeatureFlagsPluginOptions) => {
    if (options.flags) {
      app.decorate("flags", options.flags);
      return;
    }
    if (!options.file) {
      app.decorate("flags", defaultFeatureFlags());
      return;
    }
    const flags = await openFeatureFlags({ file: options.file, logger: app.log, pollMs: options.pollMs });
    app.decorate("flags", flags);
    app.addHook("onClose", () => flags.close());
  },
  { name: "feature-flags" },
);
