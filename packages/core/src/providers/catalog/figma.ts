import { fixedProvider } from "./entry.ts";

/**
 * Figma. The token endpoint moved to api.figma.com in February 2025 and
 * takes the client credentials as HTTP Basic. Figma documents refreshes at
 * a separate https://api.figma.com/v1/oauth/refresh, which this entry
 * cannot express yet (see the catalog notes on a `refreshUrl` field).
 */
export const figma = fixedProvider({
  id: "figma",
  name: "Figma",
  authorizationUrl: "https://www.figma.com/oauth",
  tokenUrl: "https://api.figma.com/v1/oauth/token",
  userinfoUrl: "https://api.figma.com/v1/me",
  clientAuth: "client_secret_basic",
  // Figma REST API docs, "OAuth apps": scopes are sent comma-separated (e.g. files:read,file_comments:write).
  scopeSeparator: ",",
  scopes: ["current_user:read"],
  // Figma's token response may lack `token_type`; the quirk is a no-op when it is present.
  quirks: { nonStandardTokenType: true },
  docsUrl: "https://www.figma.com/developers/apps",
});
