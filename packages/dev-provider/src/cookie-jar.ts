interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/**
 * Just enough of a browser cookie jar for one origin: oidc-provider scopes its
 * interaction cookies by path (/interaction/:uid, /auth/:uid) and deletes
 * them by expiring them, so both are honoured. Domain, Secure and SameSite
 * are irrelevant when every request goes to the same loopback origin.
 */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  store(response: Response, requestUrl: URL): void {
    for (const header of response.headers.getSetCookie()) this.#storeOne(header, requestUrl);
  }

  headerFor(url: URL): string | undefined {
    const pairs: string[] = [];
    for (const cookie of this.#cookies.values()) {
      if (pathMatches(url.pathname, cookie.path)) pairs.push(`${cookie.name}=${cookie.value}`);
    }
    return pairs.length ? pairs.join("; ") : undefined;
  }

  #storeOne(header: string, requestUrl: URL): void {
    const [pair = "", ...attributes] = header.split(";");
    const separator = pair.indexOf("=");
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    let path = defaultPath(requestUrl.pathname);
    let expired = value === "";
    for (const attribute of attributes) {
      const [rawKey = "", ...rest] = attribute.split("=");
      const key = rawKey.trim().toLowerCase();
      const attributeValue = rest.join("=").trim();
      if (key === "path" && attributeValue.startsWith("/")) path = attributeValue;
      if (key === "max-age" && Number(attributeValue) <= 0) expired = true;
      if (key === "expires" && Date.parse(attributeValue) <= Date.now()) expired = true;
    }
    const id = `${name};${path}`;
    if (expired) this.#cookies.delete(id);
    else this.#cookies.set(id, { name, value, path });
  }
}

/** RFC 6265 §5.1.4. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length) === "/";
}

/** RFC 6265 §5.1.4 default-path. */
function defaultPath(requestPath: string): string {
  const slash = requestPath.lastIndexOf("/");
  return slash <= 0 ? "/" : requestPath.slice(0, slash);
}
