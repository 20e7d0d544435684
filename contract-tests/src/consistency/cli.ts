// Prints the differences between the registry's documents and specs/proto; exit 1 when there is any.
import { runConsistencyCli } from "./run-cli.ts";

process.exitCode = await runConsistencyCli();
