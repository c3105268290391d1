/**
 * A provider is one declarative entry: its real endpoints, defaults and the
 * quirks users trip on, each quirk a named flag (not code in the engine).
 */

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none";

export interface ProviderQuirks {
  /** The token endpoint answers OAuth errors with HTTP 200 and an `error` field (GitHub). */
  tokenErrorsWithStatus200?: boolean;
  /** Name of the authorization parameter that carries the scopes; Slack puts user scopes in `user_scope`. */
  scopeParam?: "scope" | "user_scope";
  /**
   * The token response nests the user's token under this member (Slack's
   * `authed_user` for user scopes); it is lifted to the top level.
   */
  tokenResponseMember?: string;
  /** The provider does not accept PKCE parameters (none in the catalog today; PKCE is sent by default). */
  noPkce?: boolean;
  /** The token response omits `scope`; treat the requested scopes as granted. */
  scopesOmittedInTokenResponse?: boolean;
  /** The token response gives `scope` as a JSON array (Twitch); it is joined with spaces. */
  scopeArrayInTokenResponse?: boolean;
  /** The token response's `token_type` is missing or not "bearer" (Slack's "user"); it is a bearer token. */
  nonStandardTokenType?: boolean;
  /**
   * The token response says `expires_in: 0` for a token that never expires
   * (Mailchimp); the member is dropped so the token is not taken as already expired.
   */
  expiresInZeroMeansNoExpiry?: boolean;
  /**
   * The token response sends members as JSON `null` (Mailchimp's `scope: null`),
   * which RFC 6749 clients reject as the wrong type; they are dropped, as if absent.
   */
  nullMembersInTokenResponse?: boolean;
}

export interface ProviderDefinition {
  /** Your id for it, used in URLs and keys: letters, digits, `-` and `_`. */
  id: string;
  /** Display name shown to people ("GitHub"). */
  name: string;
  /** Issuer identifier, when the provider has one (OIDC, RFC 8414); enables RFC 9207 `iss` checks. */
  issuer?: string | undefined;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl?: string | undefined;
  userinfoUrl?: string | undefined;
  clientId: string;
  clientSecret?: string | undefined;
  /** How the client authenticates at the token endpoint; default client_secret_basic with a secret, none without. */
  clientAuth?: ClientAuthMethod | undefined;
  /** Scopes always requested, added to what a tool asks for. */
  scopes?: readonly string[] | undefined;
  /** How scopes are joined in the authorization request; " " by RFC 6749, "," for some providers. */
  scopeSeparator?: string | undefined;
  /** Extra fixed authorization parameters (Google's access_type=offline, Atlassian's audience). */
  authorizationParams?: Readonly<Record<string, string>> | undefined;
  /** Extra fixed token endpoint parameters. */
  tokenParams?: Readonly<Record<string, string>> | undefined;
  quirks?: ProviderQuirks | undefined;
  /** Where users create the OAuth app; shown in setup errors. */
  docsUrl?: string | undefined;
}

/** What every catalog factory takes. */
export interface ProviderCredentials {
  clientId: string;
  clientSecret?: string | undefined;
  /** Replaces the catalog's default scopes. */
  scopes?: readonly string[] | undefined;
  /** Replaces the catalog id, e.g. to register two GitHub apps. */
  id?: string | undefined;
}
