import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { requireApiKey } from "../api-key.ts";
import { noStore } from "../no-store.ts";
import { authenticateRoutes } from "./authenticate.ts";
import { callbackRoutes } from "./callback.ts";
import type { ApiContext } from "./context.ts";
import { apiErrorHandler, jsonError } from "./errors.ts";
import { providerRoutes } from "./providers.ts";
import { tokenRoutes } from "./tokens.ts";
import { waitRoutes } from "./wait.ts";

export interface ApiRouterOptions extends ApiContext {
  apiKey: string | undefined;
  maxBodyBytes: number;
}

/**
 * The LangSmith Agent Auth v2 compatible API, mounted at `/v2/auth`. Order
 * matters: the key is checked before any body is read, and the body size is
 * bounded before any route parses it.
 */
export function apiRouter(options: ApiRouterOptions): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
    }),
  );
  app.use(noStore);
  app.use(requireApiKey(options.apiKey));
  app.use(
    bodyLimit({
      maxSize: options.maxBodyBytes,
      // The rest of the body is never read, so the connection cannot carry another request: saying so lets
      // the server close it after the answer instead of cutting it while the client still writes.
      onError: (c) => {
        c.header("Connection", "close");
        return jsonError(c, 413, "payload_too_large", `The request body is larger than ${options.maxBodyBytes} bytes.`);
      },
    }),
  );
  app.route("/", authenticateRoutes(options));
  app.route("/", waitRoutes(options));
  app.route("/", callbackRoutes(options));
  app.route("/", tokenRoutes(options));
  app.route("/", providerRoutes(options));
  app.all("*", (c) => jsonError(c, 404, "not_found", "No such route or method in the /v2/auth API."));
  app.onError(apiErrorHandler);
  return app;
}
