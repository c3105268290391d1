export { withOAuth, type ToolLike, type WithOAuthOptions } from "./with-oauth.ts";
export { oauthMiddleware, type OAuthMiddlewareOptions } from "./middleware.ts";
export { getAccessToken, getCredentials, OAuthTokens } from "./context.ts";
export type { OAuthDenial, OAuthRequirement, OnDenied } from "./gate.ts";
export type { UserIdOption } from "./user.ts";
export {
  isOAuthInterrupt,
  isOAuthResume,
  oauthInterruptSchema,
  oauthResume,
  oauthResumeSchema,
  OAUTH_INTERRUPT_TYPE,
  OAUTH_INTERRUPT_VERSION,
  type OAuthInterrupt,
  type OAuthPendingReason,
  type OAuthResume,
  type OAuthResumeStatus,
} from "./interrupt.ts";
export {
  CheckpointerMissingError,
  OAuthContextError,
  OAuthDeniedError,
  OAuthRequiredError,
  ResumeUserMismatchError,
  UserUnknownError,
} from "./errors.ts";
