/**
 * Drives the VS Code workbench that code-server serves, in Debian's Chromium through
 * playwright-core: open a file, run a command from the palette, read the Problems panel,
 * take screenshots. Waits are on workbench elements, never fixed sleeps.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { outputDir, tools } from "./environment";

/** Chromium flags for a closed network: no background traffic, no sandbox as root. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser showing the workbench. */
export interface Workbench {
  page: Page;
  close: () => Promise<void>;
}

/** Launches Chromium with a fresh profile and waits until the workbench has loaded. */
export async function openWorkbench(url: string, profileDir: string): Promise<Workbench> {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: tools.chromium,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await page.locator(".statusbar").waitFor();
  const browser: Browser | null = context.browser();
  return {
    page,
    close: async () => {
      await context.close();
      await browser?.close();
    },
  };
}

/** Opens the command palette and runs the command whose label is `label`. */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${label}`);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: label }).first();
  await row.waitFor();
  await input.press("Enter");
}

/** Opens a workspace file by name through Quick Open and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
  await input.press("Enter");
  await page.locator(`.tab[data-resource-name="${name}"]`).waitFor();
  await page.locator(".monaco-editor .view-lines").first().waitFor();
}

/** Shows the Problems panel and returns its locator. */
export async function showProblems(page: Page) {
  await runCommand(page, "View: Focus Problems");
  const panel = page.locator(".markers-panel");
  await panel.waitFor();
  return panel;
}

/** Saves a screenshot under test-output/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
