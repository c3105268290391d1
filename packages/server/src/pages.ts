import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * The pages a person sees in the browser after consenting. Self-contained (no
 * external assets), so the CSP can be `default-src 'none'` plus a nonce for the
 * one inline style and script. They never show a token, code or state: the
 * texts are fixed per outcome and only the provider's display name and the
 * error code are interpolated (escaped).
 */

export interface PageMessage {
  type: "langgraph-oauth";
  authId: string;
  status: "completed" | "denied";
}

/** JSON that is safe inside an inline <script>: no "</script>", no HTML-significant or line-separator characters. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLE = `
  :root { color-scheme: light dark; }
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; min-height: 100vh;
         display: flex; align-items: center; justify-content: center; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; padding: 2rem; text-align: center; }
  h1 { font-size: 1.35rem; margin: 0 0 .75rem; }
  p { line-height: 1.5; margin: .5rem 0; }
  .code { font-family: ui-monospace, monospace; font-size: .8rem; opacity: .7; }
`;

function layout(nonce: string, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>, script?: string) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style nonce="${nonce}">${raw(STYLE)}</style>
</head>
<body>
<main>${body}</main>
${script === undefined ? "" : html`<script nonce="${nonce}">${raw(script)}</script>`}
</body>
</html>`;
}

/**
 * Tells the window that opened the consent popup how it ended, then closes
 * the popup. postMessage goes only to the configured origin: with no origin
 * configured nothing is posted (never "*", which would hand the authId to
 * whatever page opened the popup); the opener can still watch `popup.closed`.
 */
function notifyOpenerScript(message: PageMessage, postMessageOrigin: string | undefined): string {
  const post =
    postMessageOrigin === undefined
      ? ""
      : `try { window.opener.postMessage(${scriptJson(message)}, ${scriptJson(postMessageOrigin)}); } catch (e) {}`;
  return `(function () {
  if (!window.opener) return;
  ${post}
  setTimeout(function () { window.close(); }, 100);
})();`;
}

export interface OutcomePageInput {
  nonce: string;
  providerName: string;
  authId: string;
  postMessageOrigin: string | undefined;
}

export function successPage(input: OutcomePageInput) {
  return layout(
    input.nonce,
    "Connected",
    html`<h1>Connected to ${input.providerName}</h1>
<p>You can close this window and go back to the app.</p>`,
    notifyOpenerScript({ type: "langgraph-oauth", authId: input.authId, status: "completed" }, input.postMessageOrigin),
  );
}

export function deniedPage(input: OutcomePageInput) {
  return layout(
    input.nonce,
    "Access not granted",
    html`<h1>Access was not granted</h1>
<p>${input.providerName} did not give the app access, so nothing was connected.</p>
<p>If this was a mistake, go back to the app and connect again. You can close this window.</p>`,
    notifyOpenerScript({ type: "langgraph-oauth", authId: input.authId, status: "denied" }, input.postMessageOrigin),
  );
}

/** Fixed, human texts per error code; the core's messages are for developers and logs. */
const ERROR_TEXTS: Record<string, { title: string; detail: string }> = {
  callback_state_expired: {
    title: "This sign-in link has expired",
    detail: "Sign-in links are valid for a few minutes. Go back to the app and connect again.",
  },
  callback_state_replayed: {
    title: "This sign-in link was already used",
    detail: "Each sign-in link works once. If the app still asks you to connect, start again from the app.",
  },
  callback_state_unknown: {
    title: "This sign-in link is not recognised",
    detail: "It may be incomplete, or from an earlier session. Go back to the app and connect again.",
  },
  callback_provider_mismatch: {
    title: "This sign-in link belongs to another service",
    detail: "Go back to the app and connect again.",
  },
  callback_missing_code: {
    title: "The sign-in did not complete",
    detail: "The service sent you back without an authorization. Go back to the app and connect again.",
  },
  callback_invalid: {
    title: "The sign-in could not be verified",
    detail: "The answer from the service did not pass our checks. Go back to the app and connect again.",
  },
  unknown_provider: {
    title: "Unknown service",
    detail: "This address does not belong to a service this app connects to.",
  },
  token_exchange_failed: {
    title: "The service refused the sign-in",
    detail: "It did not issue access for this sign-in. Go back to the app and connect again.",
  },
  provider_unavailable: {
    title: "The service is not reachable right now",
    detail: "Nothing was connected. Wait a moment, then go back to the app and connect again.",
  },
  method_not_allowed: {
    title: "Open this link in a browser",
    detail: "Sign-in links only work when a browser follows them.",
  },
};

const FALLBACK = { title: "Something went wrong", detail: "Nothing was connected. Go back to the app and try again." };

export function errorPage(input: { nonce: string; code: string }) {
  const text = ERROR_TEXTS[input.code] ?? FALLBACK;
  return layout(
    input.nonce,
    text.title,
    html`<h1>${text.title}</h1>
<p>${text.detail}</p>
<p class="code">Error code: ${input.code}</p>`,
  );
}
