export { type BundleOptions, type BundleResult, bundleService, NODE_TARGET } from "./bundle-service.ts";
export { type DistManifest, distManifest } from "./dist-manifest.ts";
export {
  type Closure,
  type LockEntry,
  type Lockfile,
  locate,
  nameAt,
  packageName,
  productionClosure,
  type Root,
  readLockfile,
} from "./lockfile.ts";
