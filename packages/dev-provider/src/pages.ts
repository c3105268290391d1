/**
 * The provider's HTML: small, inline-styled, no external assets (the demo and
 * the tests run offline). Each page carries data-* attributes that the
 * headless consent driver reads, so a browser and the driver use the same
 * pages and the same form routes.
 */

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLE = `
  body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1f2328;margin:0}
  main{max-width:380px;margin:48px auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:24px 28px}
  h1{font-size:1.25rem;margin:0 0 4px} p.sub{color:#57606a;margin:0 0 20px;font-size:.9rem}
  label{display:block;font-weight:600;margin-bottom:6px}
  input{width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #d0d7de;border-radius:6px;font-size:1rem}
  button{width:100%;padding:9px;border-radius:6px;font-size:1rem;cursor:pointer;border:1px solid #d0d7de;margin-top:12px}
  button.primary{background:#1f883d;border-color:#1a7f37;color:#fff}
  ul{padding-left:20px} li{margin:4px 0} code{background:#f6f8fa;padding:1px 4px;border-radius:4px}
  .row{display:flex;gap:10px}.row form{flex:1}
  pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:6px}`;

function layout(title: string, attributes: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main ${attributes}>${body}</main></body></html>`;
}

export function loginPage(input: { providerName: string; uid: string; clientId: string; error?: string }): string {
  const uid = encodeURIComponent(input.uid);
  const error = input.error ? `<p role="alert" style="color:#cf222e">${escapeHtml(input.error)}</p>` : "";
  return layout(
    `Sign in · ${input.providerName}`,
    `data-prompt="login"`,
    `<h1>Sign in to ${escapeHtml(input.providerName)}</h1>
<p class="sub">to continue to <code>${escapeHtml(input.clientId)}</code>. Local development provider: any username works, no password.</p>
${error}<form method="post" action="/interaction/${uid}/login">
<label for="login">Username</label>
<input id="login" name="login" autocomplete="username" autofocus required pattern="[A-Za-z0-9._@+\\-]{1,64}">
<button class="primary" type="submit">Sign in</button>
</form>`,
  );
}

export function consentPage(input: {
  providerName: string;
  uid: string;
  clientId: string;
  user: string;
  scopes: readonly string[];
}): string {
  const uid = encodeURIComponent(input.uid);
  const scopes = input.scopes.length
    ? `<ul>${input.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join("")}</ul>`
    : "<p>No scopes requested.</p>";
  return layout(
    `Authorize · ${input.providerName}`,
    `data-prompt="consent"`,
    `<h1>Authorize <code>${escapeHtml(input.clientId)}</code></h1>
<p class="sub">Signed in to ${escapeHtml(input.providerName)} as <strong>${escapeHtml(input.user)}</strong>.</p>
<p>The application asks for:</p>${scopes}
<div class="row">
<form method="post" action="/interaction/${uid}/abort"><button type="submit" name="decision" value="deny">Deny</button></form>
<form method="post" action="/interaction/${uid}/confirm"><button class="primary" type="submit" name="decision" value="approve" autofocus>Approve</button></form>
</div>`,
  );
}

export function errorPage(input: { providerName: string; error: string; description?: string | undefined }): string {
  const description = input.description ?? "";
  return layout(
    `Error · ${input.providerName}`,
    `data-error="${escapeHtml(input.error)}" data-error-description="${escapeHtml(description)}"`,
    `<h1>Something went wrong</h1>
<p class="sub">${escapeHtml(input.providerName)} could not complete the request.</p>
<pre>${escapeHtml(input.error)}${description ? `: ${escapeHtml(description)}` : ""}</pre>`,
  );
}
