/**
 * The extension in a real VS Code (code-server) driven through Chromium: open a model file,
 * see the findings in the Problems panel, apply a quick fix, run the probe, see the inlay
 * hints, the CodeLens summary and the plot. Screenshots go to test-output/e2e/.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCodeServer, type CodeServer } from "./code-server";
import { outputDir, root, vsixPath } from "./environment";
import {
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  showProblems,
  type Workbench,
} from "./workbench";

const model = "deep_mlp.py";
let server: CodeServer;
let workbench: Workbench;
let page: Page;

beforeAll(async () => {
  expect(fs.existsSync(vsixPath), "npm run package must run first").toBe(true);
  server = await startCodeServer({
    vsix: vsixPath,
    files: { [model]: path.join(root, "test/e2e/workspace", model) },
  });
  workbench = await openWorkbench(server.url, path.join(server.workspace, "../chromium"));
  page = workbench.page;
  await openFile(page, model);
});

afterAll(async () => {
  if (page) await screenshot(page, "last-state").catch(() => undefined);
  await workbench?.close();
  if (server) fs.writeFileSync(path.join(outputDir, "code-server.log"), server.log());
  await server?.stop();
});

/** The 1-based line of the first `nn.init.xavier_uniform_` call, where IL001 fires. */
function firstInitLine(): number {
  const lines = fs.readFileSync(path.join(server.workspace, model), "utf8").split("\n");
  return lines.findIndex((l) => l.includes("nn.init.xavier_uniform_(self.fc1.weight)")) + 1;
}

describe("initlint in VS Code", () => {
  it("activates on a Python file and starts the language server", async () => {
    await runCommand(page, "initlint: Show Output");
    const output = page.locator(".output-view .view-lines, .panel .output .view-lines").first();
    await output.waitFor();
    await screenshot(page, "00-output");
    await expect
      .poll(() => output.innerText(), { timeout: 30_000 })
      .not.toMatch(/Server process exited|couldn't create connection/);
  });

  it("shows the IL001 finding in the Problems panel", async () => {
    const panel = await showProblems(page);
    const row = panel.locator(".monaco-list-row", { hasText: "IL001" }).first();
    await row.waitFor({ timeout: 60_000 });
    const text = await row.innerText();
    expect(text).toMatch(/initlint/);
    expect(text).toMatch(/ReLU|relu/);
    await screenshot(page, "01-finding");
  });

  it("applies the preferred quick fix, which removes the finding", async () => {
    const line = firstInitLine();
    const panel = await showProblems(page);
    // A double click opens the problem's location with the editor focused, as a user would.
    const row = panel.locator(".monaco-list-row", { hasText: `[Ln ${line},` }).first();
    await row.dblclick();
    await page.locator(".monaco-editor.focused").waitFor();
    await page.keyboard.press("Control+.");
    const menu = page.locator(".action-widget");
    await menu.waitFor();
    await screenshot(page, "02-quick-fix");
    // The menu takes keys, not clicks (a pointer block covers it while it opens).
    const focused = menu.locator(".monaco-list-row.focused");
    for (let step = 0; step < 10 && !/kaiming/i.test(await focused.innerText()); step++) {
      await page.keyboard.press("ArrowDown");
    }
    expect(await focused.innerText()).toMatch(/kaiming/i);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+S");

    const file = path.join(server.workspace, model);
    await expect
      .poll(() => fs.readFileSync(file, "utf8"), { timeout: 30_000 })
      .toMatch(/nn\.init\.kaiming_(normal|uniform)_\(self\.fc1\.weight, nonlinearity="relu"\)/);
    const fixedRow = panel.locator(".monaco-list-row", { hasText: `[Ln ${line},` });
    await expect.poll(() => fixedRow.count(), { timeout: 30_000 }).toBe(0);
    await screenshot(page, "03-fixed");
  });

  it("probes the model and shows the summary in its CodeLens", async () => {
    await runCommand(page, "initlint: Probe All Models in File");
    // The lens sits above the class line, so the editor is scrolled to the top to render it.
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    const lens = page.locator(".codelens-decoration", { hasText: "variance" }).first();
    await lens.waitFor({ timeout: 120_000 });
    expect(await lens.innerText()).toMatch(/variance [\d.e+-]+ → [\d.e+-]+ over \d+ layers/);
    await screenshot(page, "04-probe-codelens");
  });

  it("shows the probe results as inlay hints on the layer lines", async () => {
    const editor = page.locator(".monaco-editor .view-lines").first();
    // The editor renders an inlay hint's spaces as no-break spaces, which `\s` matches.
    await expect.poll(() => editor.innerText(), { timeout: 30_000 }).toMatch(/σ²\s\d/);
    await screenshot(page, "04-probe-inlay-hints");
  });

  it("shows the probe plot in a webview", async () => {
    await runCommand(page, "initlint: Show Probe Plot");
    const frame = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
    await frame.locator("canvas#plot").waitFor({ timeout: 60_000 });
    await expect.poll(() => frame.locator("#header").innerText()).toMatch(/backend \w+/);
    await screenshot(page, "05-plot");
  });
});
