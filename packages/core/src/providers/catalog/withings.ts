import { fixedProvider } from "./entry.ts";

/**
 * Withings. The token endpoint is an action endpoint: it needs
 * `action=requesttoken`, answers every outcome with HTTP 200 and wraps the
 * token in `{ status, body }`; errors come as a top-level `error` string.
 */
export const withings = fixedProvider({
  id: "withings",
  name: "Withings",
  authorizationUrl: "https://account.withings.com/oauth2_user/authorize2",
  tokenUrl: "https://wbsapi.withings.net/v2/oauth2",
  clientAuth: "client_secret_post",
  // Withings docs, "OAuth 2.0": scopes are comma-separated ("user.info,user.metrics").
  scopeSeparator: ",",
  scopes: ["user.info"],
  tokenParams: { action: "requesttoken" },
  quirks: { tokenResponseMember: "body", tokenErrorsWithStatus200: true },
  docsUrl: "https://developer.withings.com/dashboard/",
});
