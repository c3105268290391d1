export type {
  AuthInfo,
  AuthRequest,
  AuthResult,
  Broker,
  CallbackResult,
  Credentials,
  PendingReason,
  TokenRef,
  WaitOptions,
  WaitResult,
  WaitStatus,
} from "./broker/types.ts";
export { createLocalBroker, type BrokerEvent, type LocalBroker, type LocalBrokerOptions } from "./broker/local-broker.ts";
export type { AuthEvents, AuthSession, FinalAuthStatus, StoredToken, TokenKey, TokenStore } from "./store/types.ts";
export { MemoryAuthEvents, MemoryTokenStore, type MemoryTokenStoreOptions } from "./store/memory-store.ts";
export { createKeyedLock } from "./store/keyed-lock.ts";
export { sealBinding } from "./store/seal-binding.ts";
export { createKeyRing, generateEncryptionKey, type KeyRing } from "./crypto/keyring.ts";
export { defineProvider } from "./providers/define.ts";
export { discoverProvider, type DiscoverOptions } from "./providers/discover.ts";
export * from "./providers/catalog/index.ts";
export type { ClientAuthMethod, ProviderCredentials, ProviderDefinition, ProviderQuirks } from "./providers/types.ts";
export { buildAuthorizationUrl, type AuthorizationParams } from "./oauth/authorization-url.ts";
export { isLoopback } from "./oauth/secure-url.ts";
export {
  CallbackError,
  ConfigurationError,
  DecryptionError,
  InvalidInputError,
  OAuthError,
  ProviderUnavailableError,
  TokenExchangeError,
  UnknownProviderError,
  type CallbackErrorCode,
  type OAuthErrorCode,
} from "./errors/errors.ts";
