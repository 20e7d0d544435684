export { LOCAL_CHAT_GROUP, type LocalChat, LocalChatError, startLocalChat } from "./adapters/local-chat.ts";
export { createMemoryUsedNonces } from "./adapters/memory-used-nonces.ts";
export {
  REPLY_POSTER_GROUP,
  type ReplyPosterOptions,
  startReplyPoster,
  toBusFailure,
} from "./adapters/reply-poster.ts";
export { loadSigningSecret, readClientSecret, type SigningSecretSource } from "./adapters/secret-files.ts";
export {
  type ExchangeInstallCode,
  type InstalledWorkspace,
  SlackOauthError,
  type SlackOauthOptions,
  slackOauthExchange,
} from "./adapters/slack-oauth.ts";
export {
  createDataserviceWorkspaces,
  type DataserviceConnection,
  type DataserviceWorkspacesOptions,
  UnknownWorkspaceError,
  type WorkspaceInstall,
  type WorkspaceStore,
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
export {
  browserBinding,
  deriveStateSecret,
  INSTALL_COOKIE,
  INSTALL_STATE_TTL_SECONDS,
  issueInstallState,
  signInstallState,
  verifyInstallState,
} from "./domain/install-state.ts";
export {
  BOT_SCOPES,
  DEFAULT_PUBLIC_URL,
  DEFAULT_SLACK_AUTHORIZE_URL,
  SLACK_CALLBACK_PATH,
} from "./domain/slack-install.ts";
export { signSlackRequest, verifySlackSignature } from "./domain/slack-signature.ts";
export type { UsedNonces } from "./domain/used-nonces.ts";
export { ERR } from "./errors.ts";
export { appOptionsFromConfig, type ConfiguredApp, installFromConfig } from "./from-config.ts";
export type { SlackInstallOptions } from "./plugins/slack-install.ts";
export { DATASERVICE_SCOPES, TOKEN_SCOPES } from "./token-scopes.ts";
