/**
 * The host side of the probe: runs one probe in a fresh worker thread with a heap limit and
 * a wall-clock budget, relays progress, and turns a timeout, a cancellation, a crash or an
 * out-of-memory into a result the caller can show, so the server keeps serving and the next
 * probe starts clean. Only this module talks to the worker.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { Model } from "../model/types";
import type { ProbeOptions, ProbeResult, WorkerMessage } from "./types";

/** How a probe run ended. */
export type ProbeOutcome =
  | { ok: true; result: ProbeResult }
  | { ok: false; reason: "timeout" | "cancelled" | "crashed" | "error"; message: string };

/** Limits and hooks of one run. */
export interface RunOptions {
  /** The bundled worker; found next to this bundle or in dist/ when absent. */
  workerPath?: string;
  timeoutMs: number;
  /** V8 old-generation heap limit of the worker. */
  maxHeapMb: number;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Worker stdout/stderr lines (TensorFlow.js banners), for the log. */
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

/** Where the bundled worker lies: beside the running bundle, else in the checkout's dist/. */
export function findWorker(): string | null {
  const here = typeof __dirname === "string" ? __dirname : process.cwd();
  const candidates = [
    path.join(here, "probe-worker.js"),
    path.join(here, "..", "dist", "probe-worker.js"),
    path.join(process.cwd(), "dist", "probe-worker.js"),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "progress" || type === "result" || type === "error";
}

let nextId = 1;

/** Runs a probe of `models` off the main thread. Never rejects. */
export function runProbe(
  models: Model[],
  options: ProbeOptions,
  run: RunOptions,
): Promise<ProbeOutcome> {
  const workerPath = run.workerPath ?? findWorker();
  if (!workerPath) {
    return Promise.resolve({
      ok: false,
      reason: "error",
      message: 'probe worker not built; run "npm run build"',
    });
  }
  if (run.signal?.aborted)
    return Promise.resolve({ ok: false, reason: "cancelled", message: "cancelled" });

  return new Promise((resolve) => {
    const id = nextId++;
    const worker = new Worker(workerPath, {
      resourceLimits: { maxOldGenerationSizeMb: run.maxHeapMb },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish({
        ok: false,
        reason: "timeout",
        message: `probe stopped after ${Math.round(run.timeoutMs / 1000)} s`,
      });
    }, run.timeoutMs);
    const onAbort = (): void =>
      finish({ ok: false, reason: "cancelled", message: "cancelled" });
    run.signal?.addEventListener("abort", onAbort);

    for (const stream of [worker.stdout, worker.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        for (const line of chunk.split("\n")) if (line.trim()) run.onLog?.(line);
      });
    }
    worker.on("message", (message: unknown) => {
      if (!isWorkerMessage(message) || message.id !== id) return;
      if (message.type === "progress")
        run.onProgress?.(message.done, message.total, message.label);
      else if (message.type === "result") finish({ ok: true, result: message.result });
      else finish({ ok: false, reason: "error", message: message.message });
    });
    worker.on("error", (err: Error & { code?: string }) => {
      const oom = err.code === "ERR_WORKER_OUT_OF_MEMORY";
      const message = oom
        ? `probe ran out of memory (heap limit ${run.maxHeapMb} MB)`
        : `probe crashed: ${err.message}`;
      finish({ ok: false, reason: "crashed", message });
    });
    worker.on("exit", (code) => {
      finish({
        ok: false,
        reason: "crashed",
        message: `probe worker exited with code ${code}`,
      });
    });
    worker.postMessage({
      type: "probe",
      id,
      models,
      options,
      wasmDir: path.dirname(workerPath),
    });
  });
}
