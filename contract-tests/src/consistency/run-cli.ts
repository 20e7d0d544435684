import type { ContractDocument } from "../registry.ts";
import {
  type ConsistencyOptions,
  checkConsistency,
  consistencyScope,
  EXTERNAL_SKIP_REASON,
} from "./check-consistency.ts";

/**
 * The consistency gate as a command: prints the documents it skips (external ones) and every difference
 * between the others and the .proto files, one a line, and answers the exit code (1 when there is any
 * difference, or when the check cannot run).
 */
export async function runConsistencyCli(
  documents?: ContractDocument[],
  options: ConsistencyOptions = {},
  print: (line: string) => void = console.log,
): Promise<number> {
  for (const skipped of consistencyScope(documents).skipped) print(`skipped ${skipped.name}: ${EXTERNAL_SKIP_REASON}`);
  try {
    const differences = await checkConsistency(documents, options);
    for (const line of differences) print(line);
    if (differences.length > 0) {
      print(`OpenAPI/AsyncAPI ↔ protobuf: ${differences.length} difference(s)`);
      return 1;
    }
    print("OpenAPI/AsyncAPI ↔ protobuf: consistent");
    return 0;
  } catch (error) {
    print(`consistency check failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
