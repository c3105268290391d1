import type Provider from "oidc-provider";
import type { InteractionResults } from "oidc-provider";
import { readForm } from "./http-body.ts";
import { consentPage, errorPage, loginPage } from "./pages.ts";

export type Middleware = Parameters<Provider["use"]>[0];
type Context = Parameters<Middleware>[0];

/** Usernames become account ids and `sub`; keep them to characters safe in URLs, emails and logs. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@+-]{1,64}$/;

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/;

/**
 * The login and consent screens oidc-provider delegates to (its built-in
 * devInteractions are disabled: they cannot deny, and they load external
 * fonts). Routes:
 *   GET  /interaction/:uid          login form or consent page, per the pending prompt
 *   POST /interaction/:uid/login    login=<username>  (any username is accepted)
 *   POST /interaction/:uid/confirm  approve: grant every requested scope and claim
 *   POST /interaction/:uid/abort    deny: the client receives error=access_denied
 */
export function interactionRoutes(provider: Provider, providerName: string): Middleware {
  return async (ctx, next) => {
    const match = ROUTE.exec(ctx.path);
    if (!match) return next();
    const uid = match[1] ?? "";
    const action = match[2];
    try {
      if (action === undefined && (ctx.method === "GET" || ctx.method === "HEAD")) {
        await showPrompt(provider, providerName, ctx, uid);
      } else if (action !== undefined && ctx.method === "POST") {
        await submit(provider, providerName, ctx, uid, action);
      } else {
        ctx.status = 405;
        ctx.body = errorPage({ providerName, error: "method_not_allowed" });
      }
    } catch (error) {
      renderFailure(ctx, providerName, error);
    }
    ctx.set("Cache-Control", "no-store");
  };
}

async function showPrompt(provider: Provider, providerName: string, ctx: Context, uid: string): Promise<void> {
  const details = await interactionFor(provider, ctx, uid);
  const clientId = String(details.params["client_id"] ?? "");
  ctx.type = "html";
  switch (details.prompt.name) {
    case "login":
      ctx.body = loginPage({ providerName, uid, clientId });
      return;
    case "consent":
      ctx.body = consentPage({
        providerName,
        uid,
        clientId,
        user: details.session?.accountId ?? "",
        scopes: String(details.params["scope"] ?? "").split(" ").filter(Boolean),
      });
      return;
    default:
      // Only login and consent prompts exist in the default policy; anything else is a misconfiguration.
      throw Object.assign(new Error(`unsupported prompt ${details.prompt.name}`), { status: 500 });
  }
}

async function submit(provider: Provider, providerName: string, ctx: Context, uid: string, action: string): Promise<void> {
  const details = await interactionFor(provider, ctx, uid);
  const form = await readForm(ctx.req);
  let result: InteractionResults;
  let merge = true;

  if (action === "login") {
    if (details.prompt.name !== "login") throw badRequest("this interaction does not expect a login");
    const user = (form.get("login") ?? "").trim();
    if (!USERNAME_PATTERN.test(user)) {
      ctx.status = 400;
      ctx.type = "html";
      ctx.body = loginPage({
        providerName,
        uid,
        clientId: String(details.params["client_id"] ?? ""),
        error: "Use 1 to 64 letters, digits or . _ @ + -",
      });
      return;
    }
    result = { login: { accountId: user } };
    merge = false;
  } else if (action === "confirm") {
    if (details.prompt.name !== "consent") throw badRequest("this interaction does not expect consent");
    result = { consent: { grantId: await grantEverythingRequested(provider, details) } };
  } else {
    // Denying is allowed at any prompt: the user may also abandon the login.
    result = { error: "access_denied", error_description: "End-User denied the authorization request" };
    merge = false;
  }

  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: merge });
  ctx.redirect(returnTo);
  // 303 makes browsers (and the headless driver) follow with GET after a POST.
  ctx.status = 303;
}

type InteractionDetails = Awaited<ReturnType<Provider["interactionDetails"]>>;

async function interactionFor(provider: Provider, ctx: Context, uid: string): Promise<InteractionDetails> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  // The cookie names the interaction; the URL must agree, or a stale tab would act on another request.
  if (details.uid !== uid) throw badRequest("interaction does not match this browser session");
  return details;
}

/** What the consent page shows is what "Approve" grants: the missing OIDC scopes, claims and resource scopes. */
async function grantEverythingRequested(provider: Provider, details: InteractionDetails): Promise<string> {
  const accountId = details.session?.accountId;
  if (!accountId) throw badRequest("not signed in");
  const clientId = String(details.params["client_id"] ?? "");
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });

  const missing = details.prompt.details;
  const scopes = stringList(missing["missingOIDCScope"]);
  if (scopes.length) grant.addOIDCScope(scopes);
  const claims = stringList(missing["missingOIDCClaims"]);
  if (claims.length) grant.addOIDCClaims(claims);
  const resourceScopes = missing["missingResourceScopes"];
  if (resourceScopes && typeof resourceScopes === "object") {
    for (const [indicator, list] of Object.entries(resourceScopes)) {
      grant.addResourceScope(indicator, stringList(list));
    }
  }
  return grant.save();
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function badRequest(description: string): Error {
  return Object.assign(new Error(description), { status: 400, error: "invalid_request", error_description: description });
}

/** oidc-provider errors carry status/error/error_description; anything else is a bug worth logging. */
function renderFailure(ctx: Context, providerName: string, error: unknown): void {
  const fields = (error ?? {}) as { status?: unknown; error?: unknown; error_description?: unknown; message?: unknown };
  const status = typeof fields.status === "number" ? fields.status : 500;
  if (status >= 500) console.error("dev-provider: interaction failed", error);
  ctx.status = status;
  ctx.type = "html";
  ctx.body = errorPage({
    providerName,
    error: typeof fields.error === "string" ? fields.error : status >= 500 ? "server_error" : "invalid_request",
    description:
      typeof fields.error_description === "string"
        ? fields.error_description
        : status >= 500
          ? "unexpected error"
          : String(fields.message ?? ""),
  });
}
