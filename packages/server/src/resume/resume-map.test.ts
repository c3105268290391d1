import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthResult, CallbackResult } from "@langgraph-oauth/core";
import type { OAuthInterrupt } from "@langgraph-oauth/langgraph/interrupt";
import { startFixture, type Fixture } from "../testing/fixtures.ts";
import { oauthResumeMap, waitingInterrupts } from "./resume-map.ts";

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ providerIds: ["devhub", "devmail"] });
});
afterAll(() => fx?.close());

type Pending = Extract<AuthResult, { status: "pending" }>;

/** The v1 payload withOAuth raises for a pending authorization. */
function payload(pending: Pending, provider: string): OAuthInterrupt {
  return {
    type: "oauth_required",
    version: 1,
    provider,
    providerName: provider,
    scopes: pending.scopes,
    url: pending.url,
    authId: pending.authId,
    expiresAt: pending.expiresAt,
    reason: pending.reason,
    message: "Connect your account, then resume.",
  };
}

const id = (n: number) => n.toString(16).padStart(32, "0");
const lookup = (authId: string) => fx.broker.getAuth(authId);

async function pending(userId: string, provider: string, scopes: string[], forceNew = false): Promise<Pending> {
  const result = await fx.broker.authenticate({ userId, provider, scopes, threadId: "t", forceNew });
  if (result.status !== "pending") throw new Error("expected pending");
  return result;
}

async function consent(p: Pending, user: string, decision: "approve" | "deny" = "approve"): Promise<CallbackResult> {
  return fx.broker.handleCallback(await fx.dev.consent(p.url, { user, decision }));
}

describe("oauthResumeMap", () => {
  it("answers every interrupt carrying the consent's authId, with its status; undefined when none waits", async () => {
    const a = await pending("m1", "devhub", ["read:user"]);
    const done = await consent(a, "m1", "deny");
    const interrupts = [
      { id: id(1), value: payload(a, "devhub") },
      { id: id(2), value: payload(a, "devhub") },
      { id: id(3), value: { type: "human_review", question: "ok?" } },
    ];
    expect(await oauthResumeMap(interrupts, done, lookup)).toEqual({
      [id(1)]: { authId: a.authId, status: "denied" },
      [id(2)]: { authId: a.authId, status: "denied" },
    });
    expect(await oauthResumeMap([{ id: id(3), value: { type: "human_review" } }], done, lookup)).toBeUndefined();
  });

  it("a completed consent also answers a newer pending authorization it covers (a task that re-ran during the code exchange)", async () => {
    const first = await pending("m2", "devhub", ["read:user"]);
    const done = await consent(first, "m2");
    const newer = await pending("m2", "devhub", ["read:user"], true);
    const wider = await pending("m2", "devhub", ["read:user", "repo"], true);
    const mail = await pending("m2", "devmail", ["read:user"]);
    const stranger = await pending("m2-other", "devhub", ["read:user"]);
    const map = await oauthResumeMap(
      [
        { id: id(1), value: payload(newer, "devhub") },
        { id: id(2), value: payload(wider, "devhub") },
        { id: id(3), value: payload(mail, "devmail") },
        { id: id(4), value: payload(stranger, "devhub") },
      ],
      done,
      lookup,
    );
    // Only the covered one: more scopes, another provider or another user still need their own consent.
    expect(map).toEqual({ [id(1)]: { authId: newer.authId, status: "completed" } });
  });

  it("carries along the same user's other finished consents, never another user's", async () => {
    const hub = await pending("m3", "devhub", ["read:user"]);
    const mail = await pending("m3", "devmail", ["read:user"]);
    const theirs = await pending("m3-other", "devmail", ["read:user"]);
    await consent(mail, "m3");
    await consent(theirs, "m3-other");
    const done = await consent(hub, "m3");
    const map = await oauthResumeMap(
      [
        { id: id(1), value: payload(hub, "devhub") },
        { id: id(2), value: payload(mail, "devmail") },
        { id: id(3), value: payload(theirs, "devmail") },
        { id: id(4), value: { ...payload(hub, "devhub"), authId: "auth_forged" } },
      ],
      done,
      lookup,
    );
    expect(map).toEqual({ [id(1)]: { authId: hub.authId, status: "completed" }, [id(2)]: { authId: mail.authId, status: "completed" } });
  });

  it("waitingInterrupts skips tasks that already finished (getState still lists the interrupt they were resumed from)", () => {
    expect(
      waitingInterrupts([
        { interrupts: [{ id: id(1), value: 1 }], result: { messages: [] } },
        { interrupts: [{ id: id(2), value: 2 }] },
        { interrupts: [{ id: id(3), value: 3 }], result: null },
        {},
      ]),
    ).toEqual([
      { id: id(2), value: 2 },
      { id: id(3), value: 3 },
    ]);
  });
});
