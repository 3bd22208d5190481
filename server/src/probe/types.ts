/**
 * The probe's data: what a probe is asked to do, what it measures per layer, and the messages
 * between the host and the worker thread. Plain data only, so everything here crosses the
 * worker boundary by structured clone and prints as JSON.
 */
import type { Model, Range } from "../model/types";
import type { Severity } from "../rules/types";

/** Backend names, best first; `auto` tries them in this order. */
export type BackendName = "gpu" | "node" | "wasm" | "cpu";

/** What the user asked for. */
export type BackendChoice = "auto" | BackendName;

/** Thresholds of the start-of-training checks (shared/KNOWLEDGE.md section 3). */
export interface ProbeThresholds {
  /** IL101: max/min ratio of the variance of ReLU inputs across layers. */
  varianceRatio: number;
  /** IL102 and IL103: a unit is inactive when active on under this share of samples. */
  inactiveShare: number;
  /** IL102 and IL103: the share of inactive units that makes a layer fire. */
  layerShare: number;
  /** IL103: |x| beyond this saturates tanh. */
  tanhLimit: number;
  /** IL103: sigmoid saturates below the first and above the second. */
  sigmoidLow: number;
  sigmoidHigh: number;
  /** IL104: mean absolute gradient under this is vanishing. */
  minMeanAbsGrad: number;
}

/** Default thresholds, from SageMaker Debugger's built-in rules. */
export const defaultThresholds: ProbeThresholds = {
  varianceRatio: 10,
  inactiveShare: 0.01,
  layerShare: 0.5,
  tanhLimit: 9.4999,
  sigmoidLow: -23,
  sigmoidHigh: 16.99999,
  minMeanAbsGrad: 1e-7,
};

/** Options of one probe run. */
export interface ProbeOptions {
  seed: number;
  batch: number;
  backend: BackendChoice;
  /** Input shape without the batch, in the framework's layout; overrides the description. */
  inputShape?: number[];
  /** Bytes one layer's weights may take before output units are sampled. */
  memoryBudgetBytes: number;
  /** Time steps an RNN is unrolled over. */
  steps: number;
  thresholds: ProbeThresholds;
}

/** Why a backend did not run, and which one did. */
export interface BackendReport {
  name: BackendName;
  /** Details such as "simd" or "threads". */
  detail: string;
  /** Backends tried before, with the reason each was not used. */
  skipped: { name: BackendName; reason: string }[];
  /** Layers run on the CPU backend because an op failed on the chosen one. */
  fellBack: string[];
}

/** Measurements of one row of the result: a layer and the activation that follows it. */
export interface LayerResult {
  id: string;
  name: string;
  kind: string;
  /** 0-based line of the layer's definition. */
  line: number;
  range: Range;
  /** The weight initializer as `family(args)` in the framework's semantics, or null. */
  initializer: string | null;
  activation: string | null;
  fanIn: number | null;
  fanOut: number | null;
  weightVar: number | null;
  weightVarNominal: number | null;
  preactMean: number | null;
  preactVar: number | null;
  outputMean: number | null;
  outputVar: number | null;
  deadFraction: number | null;
  saturatedFraction: number | null;
  gradVar: number | null;
  /** Mean of |gradient| at the layer's input, for IL104. */
  gradMeanAbs: number | null;
  /** Share of units saturated on nearly every sample, for IL103. */
  saturatedUnitFraction: number | null;
  /** Mean second moment of the layer's input, for the LSUV fix. */
  inputMeanSquare: number | null;
  hasNaN: boolean;
  /** Every element of the layer's output is zero. */
  allZero: boolean;
  /** Every element of the layer's weight is zero. */
  weightAllZero?: boolean;
  sampled: boolean;
  /** Set when the layer could not be built or run; the pass continued without it. */
  error?: string;
  /** Assumptions the probe made (an unknown initializer replaced by the default). */
  notes: string[];
}

/** A finding of the start-of-training checks, before it becomes an LSP diagnostic. */
export interface ProbeFinding {
  code: string;
  severity: Severity;
  message: string;
  line: number;
  range: Range;
  layerId?: string;
}

/** One model's result. */
export interface ModelResult {
  id: string;
  name: string;
  layers: LayerResult[];
  findings: ProbeFinding[];
  /** Why the model could not be probed at all (no input shape, no layers). */
  error?: string;
  notes: string[];
}

/** A whole probe run. */
export interface ProbeResult {
  backend: BackendReport;
  seed: number;
  batch: number;
  models: ModelResult[];
  elapsedMs: number;
}

/** Host to worker: run these models. */
export interface ProbeRequestMessage {
  type: "probe";
  id: number;
  models: Model[];
  options: ProbeOptions;
  /** Directory holding the tfjs wasm files (dist/). */
  wasmDir: string;
}

/** Worker to host. */
export type WorkerMessage =
  | { type: "progress"; id: number; done: number; total: number; label: string }
  | { type: "result"; id: number; result: ProbeResult }
  | { type: "error"; id: number; message: string };
