import { fixedProvider } from "./entry.ts";

/** Airtable. PKCE S256 is mandatory; a secret is optional (apps without one are public clients). */
export const airtable = fixedProvider({
  id: "airtable",
  name: "Airtable",
  authorizationUrl: "https://airtable.com/oauth2/v1/authorize",
  tokenUrl: "https://airtable.com/oauth2/v1/token",
  userinfoUrl: "https://api.airtable.com/v0/meta/whoami",
  // Airtable OAuth reference: a confidential client sends its credentials as HTTP Basic.
  clientAuth: "client_secret_basic",
  scopes: ["user.email:read"],
  docsUrl: "https://airtable.com/create/oauth",
});
