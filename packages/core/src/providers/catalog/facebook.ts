import { ConfigurationError } from "../../errors/errors.ts";
import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry } from "./entry.ts";

export interface FacebookCredentials extends ProviderCredentials {
  /** Graph API version in the URLs. Default "v23.0". */
  version?: string | undefined;
}

/**
 * Facebook Login. Scopes (permissions) are comma-separated, the token
 * response has no `scope`, and there are no refresh tokens: long-lived user
 * tokens last about 60 days.
 */
export function facebook(credentials: FacebookCredentials): ProviderDefinition {
  const version = credentials.version ?? "v23.0";
  if (!/^v\d+\.\d+$/.test(version)) {
    throw new ConfigurationError(`Facebook: \`version\` must look like "v23.0"; got "${version}".`);
  }
  return catalogEntry(credentials, {
    id: "facebook",
    name: "Facebook",
    authorizationUrl: `https://www.facebook.com/${version}/dialog/oauth`,
    tokenUrl: `https://graph.facebook.com/${version}/oauth/access_token`,
    userinfoUrl: `https://graph.facebook.com/${version}/me`,
    clientAuth: "client_secret_post",
    scopeSeparator: ",",
    scopes: ["public_profile", "email"],
    quirks: { scopesOmittedInTokenResponse: true },
    docsUrl: "https://developers.facebook.com/apps/",
  });
}
