import { describe, expect, it } from "vitest";
import { consentPage, errorPage, loginPage } from "./pages.ts";

describe("dev provider pages", () => {
  it("escape every value they show, in text and in attributes", () => {
    const hostile = `"><script>alert(1)</script>`;
    const pages = [
      loginPage({ providerName: hostile, uid: "abc", clientId: hostile, error: hostile }),
      consentPage({ providerName: hostile, uid: "abc", clientId: hostile, user: hostile, scopes: [hostile] }),
      errorPage({ providerName: hostile, error: hostile, description: hostile }),
    ];
    for (const html of pages) {
      expect(html).not.toContain("<script>");
      expect(html).not.toContain(`"><script`);
      expect(html).toContain("&quot;&gt;&lt;script&gt;");
    }
  });

  it("encode the interaction id into form actions", () => {
    const html = loginPage({ providerName: "P", uid: "a/b?c", clientId: "c" });
    expect(html).toContain('action="/interaction/a%2Fb%3Fc/login"');
  });
});
