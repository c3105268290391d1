import { describe, expect, it } from "vitest";
import { parseSecureUrl } from "./secure-url.ts";

describe("parseSecureUrl (plain http only on loopback)", () => {
  it.each(["https://github.com/login/oauth/authorize", "http://127.0.0.1:4000/auth", "http://localhost/x", "http://[::1]:8080/token", "http://127.8.0.1/t"])(
    "accepts %s",
    (url) => {
      expect(parseSecureUrl(url, "tokenUrl").href).toBe(new URL(url).href);
    },
  );

  it.each(["http://example.com/token", "http://10.0.0.5/token", "http://localhost.evil.test/x", "ftp://127.0.0.1/x"])("refuses %s", (url) => {
    expect(() => parseSecureUrl(url, "tokenUrl")).toThrow(expect.objectContaining({ code: "insecure_endpoint" }));
  });

  it("says which setting is not a URL", () => {
    expect(() => parseSecureUrl("not a url", "GitHub tokenUrl")).toThrow(/GitHub tokenUrl is not a valid absolute URL/);
  });
});
