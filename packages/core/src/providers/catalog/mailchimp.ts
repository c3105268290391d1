import { fixedProvider } from "./entry.ts";

/**
 * Mailchimp Marketing API. There are no scopes, and tokens never expire,
 * which the token response says as `expires_in: 0` with `scope: null`. The
 * API host depends on the account's data centre: read `api_endpoint` from
 * the metadata (userinfo) endpoint.
 */
export const mailchimp = fixedProvider({
  id: "mailchimp",
  name: "Mailchimp",
  authorizationUrl: "https://login.mailchimp.com/oauth2/authorize",
  tokenUrl: "https://login.mailchimp.com/oauth2/token",
  userinfoUrl: "https://login.mailchimp.com/oauth2/metadata",
  clientAuth: "client_secret_post",
  scopes: [],
  quirks: { expiresInZeroMeansNoExpiry: true, nullMembersInTokenResponse: true },
  docsUrl: "https://admin.mailchimp.com/account/oauth2/",
});
