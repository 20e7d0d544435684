#!/usr/bin/env node
// Runs the bundler through tsx, so the build tool itself needs no build step (the bundles it writes do not use tsx).
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
