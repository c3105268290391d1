export { startDevProvider, DEFAULT_CLIENT, DEFAULT_SCOPES } from "./provider.ts";
// Headless consent at a dev-provider running in another process (DevProvider.consent does this in process).
export { driveConsent } from "./consent.ts";
export type {
  ConsentOptions,
  DevClient,
  DevProvider,
  DevProviderCounts,
  DevProviderOptions,
  FailableEndpoint,
  InjectedFailure,
} from "./types.ts";
