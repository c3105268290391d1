import type { ProviderCredentials, ProviderDefinition } from "../types.ts";
import { catalogEntry, hostOption } from "./entry.ts";

export interface CognitoCredentials extends ProviderCredentials {
  /** The user pool domain, e.g. "acme.auth.us-east-1.amazoncognito.com" or a custom domain. */
  domain: string;
}

/**
 * Amazon Cognito user pool (managed login). The OpenID Connect issuer is
 * `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`, which the
 * domain does not tell, so this entry has none. Revocation needs token
 * revocation enabled on the app client (the default for new ones).
 */
export function cognito(credentials: CognitoCredentials): ProviderDefinition {
  const origin = `https://${hostOption(credentials.domain, "domain", "Amazon Cognito")}`;
  return catalogEntry(credentials, {
    id: "cognito",
    name: "Amazon Cognito",
    authorizationUrl: `${origin}/oauth2/authorize`,
    tokenUrl: `${origin}/oauth2/token`,
    revocationUrl: `${origin}/oauth2/revoke`,
    userinfoUrl: `${origin}/oauth2/userInfo`,
    // Cognito docs, "Token endpoint": a client with a secret sends it as HTTP Basic.
    clientAuth: "client_secret_basic",
    scopes: ["openid", "email"],
    docsUrl: "https://console.aws.amazon.com/cognito/",
  });
}
