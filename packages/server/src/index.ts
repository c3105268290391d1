export { createOAuthApp, type AppBroker, type OAuthAppOptions } from "./app.ts";
export type { CallbackHook } from "./callback-hook.ts";
export { allowOAuthCallback, isOAuthCallbackRequest, OAUTH_CALLBACK_IDENTITY, type OAuthCallbackIdentity, type OAuthCallbackMatchOptions } from "./custom-auth.ts";
export { createRemoteBroker, type RemoteBroker, type RemoteBrokerOptions } from "./remote-broker.ts";
export {
  ConfigFileError,
  createBrokerFromConfig,
  ENV_API_KEY,
  ENV_ENCRYPTION_KEY,
  loadConfigFile,
  parseConfig,
  type Env,
  type ProviderSource,
  type ServerConfig,
} from "./config.ts";
export { DEFAULT_CONNECTION_LIMITS, serveApp, type ConnectionLimits, type RunningServer, type ServeOptions } from "./serve.ts";
export { MIN_API_KEY_LENGTH } from "./api-key.ts";
export type { ServerErrorCode } from "./error-status.ts";
export type { PageMessage } from "./pages.ts";
export {
  authenticateRequestSchema,
  authenticateResponseSchema,
  callbackRequestSchema,
  waitResponseSchema,
  type AuthenticateRequest,
  type AuthenticateResponse,
  type WaitResponse,
} from "./api/wire.ts";
