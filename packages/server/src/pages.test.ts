import { describe, expect, it } from "vitest";
import { deniedPage, errorPage, successPage } from "./pages.ts";

const render = async (page: ReturnType<typeof successPage>) => String(await page);

describe("pages", () => {
  it("escapes the provider name and keeps injected markup out of the inline script", async () => {
    const html = await render(
      successPage({ nonce: "n0nce", providerName: `<img src=x onerror=alert(1)>`, authId: `a</script><script>alert(2)</script>`, postMessageOrigin: "https://app.example" }),
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("</script><script>alert(2)");
    expect(html).toContain("a\\u003c/script\\u003e\\u003cscript\\u003ealert(2)\\u003c/script\\u003e");
    // Exactly one script, and it carries the nonce.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="n0nce">');
  });

  it("the denied page posts status denied; error pages have no script and show only fixed texts", async () => {
    const denied = await render(deniedPage({ nonce: "n", providerName: "GitHub", authId: "auth_1", postMessageOrigin: "https://app.example" }));
    expect(denied).toContain('"status":"denied"');
    expect(denied).toContain("GitHub did not give the app access");

    const expired = await render(errorPage({ nonce: "n", code: "callback_state_expired" }));
    expect(expired).toContain("This sign-in link has expired");
    expect(expired).not.toContain("<script");
    const unknown = await render(errorPage({ nonce: "n", code: "internal_error" }));
    expect(unknown).toContain("Something went wrong");
  });
});
