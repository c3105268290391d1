import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { linkSignals } from "./linked-signal.ts";

describe("linkSignals", () => {
  it("aborts when either signal aborts, with that signal's reason", () => {
    const short = new AbortController();
    const long = new AbortController();
    const first = linkSignals(short.signal, long.signal);
    short.abort("client gone");
    expect(first.signal.reason).toBe("client gone");
    const second = linkSignals(new AbortController().signal, long.signal);
    long.abort("shutdown");
    expect(second.signal.reason).toBe("shutdown");
    expect(linkSignals(new AbortController().signal, long.signal).signal.aborted).toBe(true);
  });

  it("release leaves no listener on the long-lived signal", () => {
    const long = new AbortController();
    for (let i = 0; i < 100; i++) linkSignals(new AbortController().signal, long.signal).release();
    expect(getEventListeners(long.signal, "abort")).toHaveLength(0);
  });

  it("without a long-lived signal, is the request's own", () => {
    const short = new AbortController().signal;
    expect(linkSignals(short, undefined).signal).toBe(short);
  });
});
