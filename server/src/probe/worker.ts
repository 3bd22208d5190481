/**
 * The probe worker thread's entry (bundled to dist/probe-worker.js). It receives a probe
 * request, picks the backend, probes each model and posts progress and the result. It never
 * sees user code: only the model descriptions.
 */
import { parentPort } from "node:worker_threads";
import { selectBackend } from "./backends";
import { probeModel } from "./engine";
import type { ProbeRequestMessage, ProbeResult, WorkerMessage } from "./types";

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function handle(request: ProbeRequestMessage): Promise<void> {
  const started = Date.now();
  const backend = await selectBackend(request.options.backend, request.wasmDir);
  const result: ProbeResult = {
    backend,
    seed: request.options.seed,
    batch: request.options.batch,
    models: [],
    elapsedMs: 0,
  };
  const total = request.models.length;
  for (const [index, model] of request.models.entries()) {
    const modelResult = probeModel(model, request.options, backend, (done, steps, label) => {
      const share = steps > 0 ? done / steps : 0;
      post({
        type: "progress",
        id: request.id,
        done: index + share,
        total,
        label: `${model.name}: ${label}`,
      });
    });
    result.models.push(modelResult);
  }
  result.elapsedMs = Date.now() - started;
  post({ type: "result", id: request.id, result });
}

parentPort?.on("message", (message: ProbeRequestMessage) => {
  if (message?.type !== "probe") return;
  handle(message).catch((err: unknown) => {
    const text = err instanceof Error ? `${err.message}` : String(err);
    post({ type: "error", id: message.id, message: text });
  });
});
