export { LOCAL_CHAT_GROUP, type LocalChat, LocalChatError, startLocalChat } from "./adapters/local-chat.ts";
export {
  REPLY_POSTER_GROUP,
  type ReplyPosterOptions,
  startReplyPoster,
  toBusFailure,
} from "./adapters/reply-poster.ts";
export { loadSigningSecret, readClientSecret, type SigningSecretSource } from "./adapters/secret-files.ts";
export {
  createDataserviceWorkspaces,
  type DataserviceConnection,
  type DataserviceWorkspacesOptions,
  UnknownWorkspaceError,
  type WorkspaceTokens,
} from "./adapters/workspace-tokens.ts";
export { type AppOptions, buildApp } from "./app.ts";
export {
  type Config,
  DEFAULT_CLIENT_SECRET_FILE,
  DEFAULT_SIGNING_SECRET_FILE,
  DEFAULT_SLACK_API_URL,
  loadConfig,
} from "./config.ts";
export { signSlackRequest, verifySlackSignature } from "./domain/slack-signature.ts";
export { ERR } from "./errors.ts";
export { appOptionsFromConfig, type ConfiguredApp } from "./from-config.ts";
