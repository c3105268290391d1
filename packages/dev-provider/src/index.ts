export { startDevProvider, DEFAULT_CLIENT, DEFAULT_SCOPES } from "./provider.ts";
export type {
  ConsentOptions,
  DevClient,
  DevProvider,
  DevProviderCounts,
  DevProviderOptions,
  FailableEndpoint,
  InjectedFailure,
} from "./types.ts";
