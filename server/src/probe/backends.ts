/**
 * Chooses the TensorFlow.js backend: the native GPU and CPU bindings when they are installed
 * (optional dependencies, loaded by name at run time), then WebAssembly with SIMD, then the
 * pure-JS CPU backend. Each backend not used is reported with the reason.
 */
import * as tf from "@tensorflow/tfjs-core";
// tfjs-core registers no gradients by itself; the union package would, but is not a dependency.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { version_cpu } from "@tensorflow/tfjs-backend-cpu";
import * as wasm from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { BackendChoice, BackendName, BackendReport } from "./types";

const order: BackendName[] = ["gpu", "node", "wasm", "cpu"];

// tfjs's `PROD` flag turns off its console warnings, among them the CPU backend's banner
// suggesting tfjs-node, which would otherwise reach the user's stderr with every probe.
tf.env().set("PROD", true);

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/Cannot find module/.test(text)) return "not installed";
  return text.split("\n")[0]!.slice(0, 200);
}

async function loadNative(pkg: string, wantGpu: boolean): Promise<string> {
  // Resolved at run time from the bundle's place, so a missing optional package only
  // skips this backend.
  const load = createRequire(typeof __filename === "string" ? __filename : process.cwd() + "/");
  load(pkg);
  if (!(await tf.setBackend("tensorflow")))
    throw new Error(`${pkg} loaded but did not initialise`);
  if (wantGpu) {
    const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
    if (backend.isUsingGpuDevice === false) throw new Error("loaded, but sees no GPU");
  }
  return wantGpu ? "CUDA" : "native";
}

async function loadWasm(wasmDir: string): Promise<string> {
  wasm.setWasmPaths(wasmDir.endsWith(path.sep) ? wasmDir : wasmDir + path.sep);
  if (!(await tf.setBackend("wasm"))) throw new Error("did not initialise");
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  // Threads need cross-origin-isolated workers, which Node's wasm build does not start.
  return `${simd ? "simd" : "no simd"}, ${threads ? "threads" : "single thread"}`;
}

async function loadCpu(): Promise<string> {
  if (!(await tf.setBackend("cpu"))) throw new Error("did not initialise");
  return `pure JS ${version_cpu}`;
}

/** Tries the backends from `choice` down the preference order; the CPU one always loads. */
export async function selectBackend(
  choice: BackendChoice,
  wasmDir: string,
): Promise<BackendReport> {
  const start = choice === "auto" ? 0 : order.indexOf(choice);
  const skipped: BackendReport["skipped"] = [];
  for (const name of order.slice(Math.max(0, start))) {
    try {
      const detail =
        name === "gpu"
          ? await loadNative("@tensorflow/tfjs-node-gpu", true)
          : name === "node"
            ? await loadNative("@tensorflow/tfjs-node", false)
            : name === "wasm"
              ? await loadWasm(wasmDir)
              : await loadCpu();
      return { name, detail, skipped, fellBack: [] };
    } catch (err) {
      skipped.push({ name, reason: message(err) });
    }
  }
  throw new Error(`no TensorFlow.js backend loads: ${skipped.map((s) => s.reason).join("; ")}`);
}

/** The tfjs backend name of one of ours. */
export function tfBackendName(name: BackendName): string {
  return name === "gpu" || name === "node" ? "tensorflow" : name;
}
