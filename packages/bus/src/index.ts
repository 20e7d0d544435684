export { type BusObserver, observeBus } from "./bus-metrics.ts";
export {
  type ChatMessage,
  publishChatMessage,
  publishReply,
  type Reply,
  subscribeChatMessages,
  subscribeReplies,
  type TypedHandler,
} from "./chat-messages.ts";
export { consoleLogger, deferredLogger, silentLogger } from "./console-logger.ts";
export { type CreateBusOptions, createBus } from "./create-bus.ts";
export {
  DeadLetterError,
  DeadLetterFolder,
  deadLetterFile,
  RabbitDeadLetters,
  type RabbitDeadLettersOptions,
  REPLAY_FOLDER,
  type StoredDeadLetter,
} from "./dead-letters.ts";
export { deadLetterMessage, type FailureOutcome, onFailure, PermanentError, RetryLaterError } from "./failure.ts";
export { type DeadLetter, MemoryBus, type MemoryBusOptions } from "./memory-bus.ts";
export { decodePayload, encodePayload, PAYLOAD_MESSAGES, payloadMessage } from "./payloads.ts";
export {
  ATTEMPT_HEADER,
  crashOnceWhenFileExists,
  DEAD_AT_HEADER,
  ERROR_HEADER,
  groupQueues,
  RabbitBus,
  type RabbitBusOptions,
  ROUTING_KEY_HEADER,
} from "./rabbit-bus.ts";
export { assertPattern, assertRoutingKey, assertSubscription, topicMatches } from "./topic-pattern.ts";
export { consumeTraced, publishTraced, TRACE_HEADERS } from "./trace-headers.ts";
export * from "./types.ts";
