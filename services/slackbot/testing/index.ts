export {
  type FakeOauthAnswer,
  type FakeSlack,
  type FakeSlackAnswer,
  type FakeSlackExchange,
  type FakeSlackPost,
  readForm,
  startFakeSlack,
} from "./fake-slack.ts";
export { type SignedSlackRequest, signedSlackRequest } from "./signed-request.ts";
export {
  buildTestSlackbot,
  TEST_INSTALL,
  type TestDealer,
  type TestSlackbot,
  type TestSlackbotOptions,
} from "./test-slackbot.ts";
