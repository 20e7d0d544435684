import { parseArgs } from "node:util";
import { ScaffoldError } from "./names.ts";
import { newService } from "./new-service.ts";

// `npm run new-service --workspace=@jeeves/scaffold -- <name> [--description "<one line>"]`
const USAGE = 'usage: npm run new-service --workspace=@jeeves/scaffold -- <name> [--description "<one line>"]';

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { description: { type: "string" } } });
  } catch (error) {
    console.error(`new-service: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
if (positionals.length !== 1) {
  console.error(`new-service: give the new service's name, and only that\n${USAGE}`);
  process.exit(2);
}

try {
  const { plan, created, changed } = await newService({ name: positionals[0], description: values.description });
  const { name } = plan.names;
  console.log(`new service ${name}, default port ${plan.port}:`);
  console.log(`  wrote ${created.length} files:`);
  for (const file of created) console.log(`    ${file}`);
  console.log("  listed it and added it to the docs:");
  for (const { file, what } of changed) console.log(`    ${file}: ${what}`);
  console.log(
    [
      "next:",
      `  npm install             links @jeeves/${name} into node_modules and adds it to package-lock.json`,
      `  npm run generate        writes @jeeves/generated/{openapi,specs,handlers}/${name} and its protobuf code`,
      "  npm run typecheck && npm test",
      `  npm run release:specs   snapshots ${name} 1.0.0 in specs/released/ (the breaking-change gate compares with it)`,
      "then replace GET /greeting with the service's own operations (docs/adding-an-operation.md); a service",
      `that calls others declares its client in services/${name}/service.json (docs/adding-a-service.md, step 3).`,
    ].join("\n"),
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  console.error(`new-service: ${error.message}`);
  process.exitCode = 1;
}
