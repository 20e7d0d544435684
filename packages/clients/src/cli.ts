import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClientsPackage } from "./build.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tarball = await buildClientsPackage(root, join(root, "packages/clients/out"), (line) => console.log(line));
console.log(`packed ${tarball}`);
console.log(`install it elsewhere with: npm install ${tarball}`);
