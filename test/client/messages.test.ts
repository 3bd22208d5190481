/**
 * What the client accepts from outside: probe results from the server and messages from the
 * plot webview are validated before the UI uses them.
 */
import { describe, expect, it } from "vitest";
import { readProbeResult } from "../../client/src/probe-types";
import { healthyBand, isWebviewMessage } from "../../client/src/webview/messages";

const layer = { name: "fc1", kind: "linear", line: 26, outputVar: 0.5, gradVar: 1e-3 };

describe("readProbeResult", () => {
  it("keeps the CLI's JSON shape as it is", () => {
    const json = {
      backend: "wasm",
      seed: 0,
      batch: 256,
      models: [{ name: "M", layers: [layer] }],
    };
    expect(readProbeResult(json)).toEqual(json);
  });

  it("turns the engine's backend report into its name", () => {
    const result = readProbeResult({
      backend: { name: "cpu", detail: "pure JavaScript", skipped: [] },
      seed: 1,
      batch: 8,
      models: [{ name: "M", layers: [] }],
      uri: "file:///m.py",
    });
    expect(result?.backend).toBe("cpu");
    expect(result?.uri).toBe("file:///m.py");
  });

  it("rejects what is not a probe result", () => {
    expect(readProbeResult(null)).toBeUndefined();
    expect(readProbeResult({ backend: 3, models: [] })).toBeUndefined();
    expect(readProbeResult({ backend: "cpu", models: [{ layers: [] }] })).toBeUndefined();
  });
});

describe("isWebviewMessage", () => {
  it("accepts ready and integer reveal lines only", () => {
    expect(isWebviewMessage({ type: "ready" })).toBe(true);
    expect(isWebviewMessage({ type: "reveal", line: 12 })).toBe(true);
    expect(isWebviewMessage({ type: "reveal", line: 1.5 })).toBe(false);
    expect(isWebviewMessage({ type: "reveal", line: "12" })).toBe(false);
    expect(isWebviewMessage({ type: "run", command: "rm" })).toBe(false);
  });

  it("draws the healthy band a factor of ten either side of unit variance", () => {
    expect(healthyBand).toEqual({ low: 0.1, high: 10 });
  });
});
