/**
 * `initlint-server` as a user types it: without a transport it explains itself and exits 2
 * (it used to fail with the LSP library's stack trace); `--help` and `--version` answer.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(__dirname, "..", "..");
const bin = path.join(root, "bin", "initlint-server.js");

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 20_000 });
}

describe("initlint-server", () => {
  it("asks for a transport when none is given", () => {
    const out = run();
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("initlint-server: no transport given");
    expect(out.stderr).toContain("usage: initlint-server --stdio");
  });

  it("prints its usage and its version", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: initlint-server --stdio/);
    const version = run("--version");
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(require(path.join(root, "package.json")).version);
  });
});
