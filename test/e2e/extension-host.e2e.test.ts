/**
 * Extension-host tests through code-server's workbench URL: the repository itself is loaded
 * as the extension under development (`extensionDevelopmentPath`) and
 * test/e2e/extension-host/index.js runs inside the extension host (`extensionTestsPath`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCodeServer, type CodeServer } from "./code-server";
import { root } from "./environment";
import { openWorkbench, type Workbench } from "./workbench";

let server: CodeServer | undefined;
let workbench: Workbench | undefined;

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
});

interface HostResults {
  found?: boolean;
  active?: boolean;
  missingCommands?: string[];
  diagnostics?: { code: string; href: string | null; line: number; source: string }[];
  error?: string;
}

describe("extension host", () => {
  it("activates the extension, registers its commands and receives diagnostics", async () => {
    server = await startCodeServer({
      files: { "deep_mlp.py": path.join(root, "test/e2e/workspace/deep_mlp.py") },
    });
    const authority = new URL(server.origin).host;
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    const payload = [
      ["extensionDevelopmentPath", remote(root)],
      ["extensionTestsPath", remote(path.join(root, "test/e2e/extension-host/index.js"))],
    ];
    const url = `${server.url}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    workbench = await openWorkbench(url, path.join(server.workspace, "../chromium"));

    const file = path.join(server.workspace, "initlint-ext-host.json");
    await expect
      .poll(() => fs.existsSync(file), { timeout: 120_000, interval: 500 })
      .toBe(true);
    const results: HostResults = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(results.error).toBeUndefined();
    expect(results.found).toBe(true);
    expect(results.active).toBe(true);
    expect(results.missingCommands).toEqual([]);
    const il001 = results.diagnostics?.find((d) => d.code === "IL001");
    expect(il001?.source).toBe("initlint");
    expect(il001?.href).toMatch(/docs\/rules\/IL001/i);
  });
});
