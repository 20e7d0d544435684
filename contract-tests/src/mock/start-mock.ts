import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SpecIndex } from "@jeeves/codecs";
import { type PrismProcess, startPrism } from "@jeeves/prism";
import { createFront } from "./front.ts";
import { loadSpec, specPath } from "./load-spec.ts";
import { mediaTypesSpoken } from "./media-types-spoken.ts";
import { writeRelaxedSpec } from "./relaxed-spec.ts";

/** What to mock. */
export interface MockOptions {
  /** The OpenAPI document: a path relative to the repository root (`specs/openapi/dataservice.yaml`) or absolute. */
  spec: string;
  /** The port callers use (default: a free one). Prism itself always gets a free port of its own. */
  port?: number;
  /**
   * Whether requests that break the spec are refused with Prism's validation answers (400/401/415/422,
   * with an `sl-violations` header). Default true; false mocks a copy of the spec whose requests
   * cannot break it.
   */
  validateRequests?: boolean;
}

/** A running mock. */
export interface RunningMock {
  /** What callers use, e.g. `http://127.0.0.1:40123` (the front, not Prism). */
  url: string;
  /** Prism itself, which only speaks JSON. */
  prismUrl: string;
  /** The process id of Prism. */
  prismPid: number;
  /** The absolute path of the spec mocked. */
  specFile: string;
  /** Every media type the spec's operations take or answer. */
  mediaTypes: string[];
  /** The last lines Prism logged. */
  logs(): string[];
  /** Stops the front and Prism (waiting until the process has exited). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts Prism 5.14.2 on a spec, behind a front on 127.0.0.1 that speaks every encoding the spec offers
 * (JSON, MessagePack, protobuf, gzip; see `createFront`). Close it with `close()`; the Prism child
 * process also dies with the calling process.
 */
export async function startMock(options: MockOptions): Promise<RunningMock> {
  const specFile = specPath(options.spec);
  const document = await loadSpec(specFile);
  const index = new SpecIndex(document);
  const relaxed = options.validateRequests === false ? await writeRelaxedSpec(document) : undefined;
  let prism: PrismProcess | undefined;
  try {
    prism = await startPrism(relaxed?.file ?? specFile);
    const front = createFront({ index, prismUrl: prism.url });
    front.listen(options.port ?? 0, "127.0.0.1");
    await Promise.race([once(front, "listening"), once(front, "error").then(([error]) => Promise.reject(error))]);
    const { port } = front.address() as AddressInfo;
    let closing: Promise<void> | undefined;
    const running = prism;
    return {
      url: `http://127.0.0.1:${port}`,
      prismUrl: prism.url,
      prismPid: prism.pid,
      specFile,
      mediaTypes: mediaTypesSpoken(index),
      logs: () => running.logs(),
      close() {
        closing ??= (async () => {
          const closed = new Promise<void>((resolve) => front.close(() => resolve()));
          front.closeAllConnections();
          await Promise.all([closed, running.stop()]);
          await relaxed?.remove();
        })();
        return closing;
      },
    };
  } catch (error) {
    await prism?.stop();
    await relaxed?.remove();
    throw error;
  }
}
