/** A client registered statically at start (there is no dynamic registration). */
export interface DevClient {
  clientId: string;
  /** Required unless tokenEndpointAuthMethod is "none". */
  clientSecret?: string;
  /** Matched exactly, as the spec demands. */
  redirectUris: string[];
  /** Default "client_secret_basic". */
  tokenEndpointAuthMethod?: "client_secret_basic" | "client_secret_post" | "none";
  /** Default ["authorization_code", "refresh_token"]. */
  grantTypes?: string[];
}

export interface DevProviderOptions {
  /** Default 0: the OS picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Default: DEFAULT_CLIENT, "demo-client" / "demo-secret" (client_secret_basic), redirects to http://localhost:8787/oauth/callback/{github,demo,dev}. */
  clients?: DevClient[];
  /** Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Default true: refresh tokens go to every client allowed the refresh_token grant, with or without offline_access. */
  refreshTokens?: boolean;
  /** Default true: each refresh returns a new refresh token; replaying a used one revokes the whole grant. */
  rotateRefreshTokens?: boolean;
  /** Scopes known besides openid, profile, email, offline_access. Default: repo, read:user, calendar.read, calendar.write, mail.send. */
  scopes?: string[];
  /** Shown on the login and consent pages. Default "Dev Provider". */
  name?: string;
}

export interface ConsentOptions {
  /** Username typed at login; any value creates that account. Default "demo-user". */
  user?: string;
  /** Default "approve". */
  decision?: "approve" | "deny";
}

/** Endpoints whose answers can be replaced by an injected outage. */
export type FailableEndpoint = "token" | "revocation";

export interface InjectedFailure {
  /** HTTP status to answer with, e.g. 503. */
  status: number;
  /** How many consecutive requests fail. Default 1. */
  times?: number;
  /** OAuth error code in the JSON body. Default: "temporarily_unavailable" for 503, "server_error" otherwise. */
  error?: string;
}

export interface DevProviderCounts {
  /** Every request to the token endpoint, failed ones included. */
  token: number;
  /** Token requests with grant_type=refresh_token (a subset of token). */
  refresh: number;
  revocation: number;
  /** Requests to the authorization endpoint (not the internal resume redirects). */
  authorization: number;
}

export interface DevProvider {
  /** http://127.0.0.1:PORT */
  readonly issuer: string;
  readonly name: string;
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly revocationUrl: string;
  readonly userinfoUrl: string;
  readonly introspectionUrl: string;
  /** A protected resource like GitHub's API: GET `${apiUrl}/me` with a Bearer token. */
  readonly apiUrl: string;
  /** The clients as registered (defaults applied). */
  readonly clients: readonly DevClient[];
  /** Live counters; read them at any time. */
  readonly counts: Readonly<DevProviderCounts>;
  /**
   * Logs in and answers the consent page over plain HTTP, as a browser would.
   * Resolves to the redirect URL bound for the client's redirect_uri (code,
   * state and iss, or error=access_denied) without requesting it.
   */
  consent(authorizationUrl: string, opts?: ConsentOptions): Promise<string>;
  /** The next `times` requests to the endpoint are answered with this failure. */
  failNext(endpoint: FailableEndpoint, response: InjectedFailure): void;
  /** Revokes every grant of the user, with all its tokens (the user removed the app). */
  revokeAllFor(user: string): Promise<void>;
  close(): Promise<void>;
}
