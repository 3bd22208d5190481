/**
 * The plot webview's bundle in Chromium: the page the extension builds (same CSP), fed a
 * probe result of a 12-layer ReLU MLP on Xavier. The chart must draw and a click on a layer
 * must ask the extension to reveal that layer's line. The host side of the webview
 * (acquireVsCodeApi) is provided by the page, as VS Code provides it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ProbeResult } from "../../client/src/probe-types";
import { outputDir, root, tools } from "./environment";
import { chromiumArgs } from "./workbench";

function xavierReluResult(): ProbeResult {
  const layers = Array.from({ length: 12 }, (_, i) => ({
    name: `fc${i + 1}`,
    kind: "linear",
    line: 32 + i,
    initializer: "xavier_uniform",
    activation: "relu",
    fanIn: i === 0 ? 784 : 256,
    fanOut: 256,
    weightVar: 2 / (256 + 256),
    weightVarNominal: 2 / (256 + 256),
    preactMean: 0,
    preactVar: 0.5 ** i,
    outputMean: 0.4 * 0.5 ** (i / 2),
    outputVar: 0.5 ** (i + 1),
    deadFraction: i / 100,
    saturatedFraction: null,
    gradVar: 1e-4 * 0.5 ** (11 - i),
    sampled: false,
    predictedVar: 0.5 ** (i + 1),
  }));
  return {
    backend: "wasm",
    seed: 0,
    batch: 256,
    models: [{ name: "DeepMLP", layers, findings: [] }],
    uri: "file:///w/deep_mlp.py",
  };
}

/** The host page with the built webview bundle inlined. */
function hostPage(): string {
  const bundle = fs.readFileSync(path.join(root, "dist/plot-webview.js"), "utf8");
  const html = fs.readFileSync(path.join(__dirname, "plot-host.html"), "utf8");
  return html.replace("/*PLOT_SCRIPT*/", () => bundle.replaceAll("</script", "<\\/script"));
}

describe("probe plot webview", () => {
  it("draws the result and reveals a clicked layer", async () => {
    const browser = await chromium.launch({
      executablePath: tools.chromium,
      args: chromiumArgs,
    });
    try {
      const tab = await browser.newPage({ viewport: { width: 1000, height: 640 } });
      const errors: string[] = [];
      tab.on("pageerror", (err) => errors.push(String(err)));
      tab.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await tab.setContent(hostPage());
      await tab.evaluate(
        (result) => window.postMessage({ type: "show", result, modelIndex: 0 }, "*"),
        xavierReluResult(),
      );
      await expect
        .poll(() => tab.locator("#header").innerText())
        .toBe("backend wasm · seed 0 · batch 256");

      const box = await tab.locator("#plot").boundingBox();
      expect(box?.width).toBeGreaterThan(500);
      fs.mkdirSync(outputDir, { recursive: true });
      await tab.screenshot({ path: path.join(outputDir, "plot-webview.png") });

      // Index mode picks the nearest layer column: the middle of the chart is layer 6 or 7.
      await tab.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
      // Chart.js handles pointer events on the next animation frame, so the message is awaited.
      const sent = () => tab.evaluate(() => (window as unknown as { sent: unknown[] }).sent);
      await expect.poll(sent).toContainEqual({ type: "ready" });
      const reveals = async () =>
        (await sent()).filter((m) => (m as { type: string }).type === "reveal");
      await expect.poll(reveals).toHaveLength(1);
      const [reveal] = (await reveals()) as { line: number }[];
      expect([37, 38]).toContain(reveal?.line);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
