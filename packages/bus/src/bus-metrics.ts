import { onFailure } from "./failure.ts";
import { type Bus, type SubscribeOptions, subscribeOptions } from "./types.ts";

/**
 * What a bus reports for metrics; the service implements it (with prom-client), so the bus package
 * depends on no metrics library. Each call is one message.
 */
export interface BusObserver {
  /** A message was published (accepted by the bus). */
  published(routingKey: string): void;
  /** A subscriber of `group` handled a message. */
  consumed(routingKey: string, group: string): void;
  /** A subscriber of `group` failed on a message that will be delivered again. */
  retried(routingKey: string, group: string): void;
  /** A subscriber of `group` failed on a message for the last time: it goes to the dead letters (or, transient, is dropped). */
  deadLettered(routingKey: string, group: string): void;
}

/**
 * The same bus, reporting to `observer`: publishes once accepted; each delivery's outcome as the bus
 * decides it (`onFailure`: a PermanentError or a spent `maxAttempts` is a dead letter, else a retry; a
 * transient group retries nothing). Closing it closes the underlying bus.
 */
export function observeBus(bus: Bus, observer: BusObserver): Bus {
  return {
    async publish(routingKey, message, options) {
      await bus.publish(routingKey, message, options);
      observer.published(routingKey);
    },
    subscribe(pattern, group, handler, options?: SubscribeOptions) {
      const resolved = subscribeOptions(options);
      return bus.subscribe(
        pattern,
        group,
        async (message) => {
          try {
            await handler(message);
          } catch (error) {
            if (resolved.transient || onFailure(error, message.attempt, resolved).dead) {
              observer.deadLettered(message.routingKey, group);
            } else observer.retried(message.routingKey, group);
            throw error;
          }
          observer.consumed(message.routingKey, group);
        },
        options,
      );
    },
    close: () => bus.close(),
  };
}
