import { fixedProvider } from "./entry.ts";

/**
 * GitHub (OAuth App or GitHub App user tokens). The token endpoint answers
 * form-encoded unless sent `Accept: application/json` (our client always
 * sends it), and reports errors such as `bad_verification_code` with HTTP
 * 200. GitHub's token revocation is `DELETE /applications/{client_id}/grant`
 * with a JSON body, not RFC 7009, so no revocationUrl.
 */
export const github = fixedProvider({
  id: "github",
  name: "GitHub",
  authorizationUrl: "https://github.com/login/oauth/authorize",
  tokenUrl: "https://github.com/login/oauth/access_token",
  userinfoUrl: "https://api.github.com/user",
  clientAuth: "client_secret_post",
  // A GitHub App ignores scopes (its permissions are set on the app); OAuth Apps get them from the tools.
  scopes: [],
  quirks: { tokenErrorsWithStatus200: true },
  docsUrl: "https://github.com/settings/developers",
});
