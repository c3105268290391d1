import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the quickstart (README's first command)", () => {
  it("runs offline: interrupt with a URL, consent, callback page, resume, the tool uses the token", async () => {
    const { stdout } = await run(process.execPath, ["--conditions=source", "--import", "tsx", "examples/quickstart/src/main.ts"], {
      cwd: root,
      timeout: 60_000,
    });
    expect(stdout).toMatch(/url: +http:\/\/127\.0\.0\.1:\d+\/auth\?.*code_challenge_method=S256/);
    expect(stdout).toContain("reason:  connection_required");
    expect(stdout).toContain("HTTP 200: Connected to DevHub");
    expect(stdout).toMatch(/tool result: \{"sub":"ada","scopes":\["read:user"\]/);
    expect(stdout).toContain("The access token is in none of the checkpoints");
  }, 90_000);
});
