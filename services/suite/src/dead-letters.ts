import { runDeadLetters } from "./dead-letters-cli.ts";

/** `npm run dead-letters -- list | replay <id> | drop <id>` (see dead-letters-cli.ts). */
process.exitCode = await runDeadLetters(process.argv.slice(2));
