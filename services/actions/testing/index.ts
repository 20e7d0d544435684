export { chatMessage, TEST_IDENTITY } from "./chat-message.ts";
export { MemoryRecords } from "./memory-records.ts";
export { startTestActions, type TestActions, type TestActionsOptions } from "./test-actions.ts";
