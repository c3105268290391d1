import { fixedProvider } from "./entry.ts";

/** Hugging Face ("Sign in with HF" / connected apps); an OpenID Connect provider. */
export const huggingface = fixedProvider({
  id: "huggingface",
  name: "Hugging Face",
  issuer: "https://huggingface.co",
  authorizationUrl: "https://huggingface.co/oauth/authorize",
  tokenUrl: "https://huggingface.co/oauth/token",
  userinfoUrl: "https://huggingface.co/oauth/userinfo",
  // Hugging Face Hub docs, "Sign in with HF": the code exchange uses HTTP Basic client credentials.
  clientAuth: "client_secret_basic",
  scopes: ["openid", "profile"],
  docsUrl: "https://huggingface.co/settings/applications",
});
