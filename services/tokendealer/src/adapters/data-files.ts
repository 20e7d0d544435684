import { join } from "node:path";

/** The files of a data folder, each overridable. */
export interface DataFiles {
  /** The signing keys (JSON, mode 600). */
  keysFile: string;
  /** The client registry (YAML, mode 600). */
  clientsFile: string;
  /** Where the embedded default writes its clients' secrets. */
  secretsDir: string;
}

/** Resolves the data files: `<dataDir>/keys.json`, `<dataDir>/clients.yaml`, `<dataDir>/secrets/`. */
export function dataFiles(options: { dataDir: string; keysFile?: string; clientsFile?: string }): DataFiles {
  return {
    keysFile: options.keysFile ?? join(options.dataDir, "keys.json"),
    clientsFile: options.clientsFile ?? join(options.dataDir, "clients.yaml"),
    secretsDir: join(options.dataDir, "secrets"),
  };
}
