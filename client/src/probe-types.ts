/**
 * The shape of a probe result as the client reads it: the JSON contract of
 * `initlint probe --format json`, carried by the server's probe-result notification.
 * Kept editor-side so the webview bundle needs nothing from the server.
 */

/** Measurements of one layer. Fields the engine could not compute are null. */
export interface ProbeLayer {
  name: string;
  kind: string;
  /** 0-based line of the layer's definition. */
  line: number;
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
  sampled: boolean;
  /** The knowledge core's analytic output variance at this depth, when the server sends it. */
  predictedVar?: number | null;
}

/** A start-of-training check that fired. */
export interface ProbeFinding {
  code: string;
  severity: string;
  message: string;
  line: number;
}

/** One probed model. */
export interface ProbeModel {
  name: string;
  layers: ProbeLayer[];
  findings: ProbeFinding[];
}

/** A whole probe run over one document. */
export interface ProbeResult {
  backend: string;
  seed: number;
  batch: number;
  models: ProbeModel[];
  /** The document the result belongs to (on the notification, not in the CLI's JSON). */
  uri?: string;
  /** Wall-clock milliseconds of the run, when known. */
  elapsedMs?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Reads a probe result from the server, which is outside input. The backend may come as the
 * CLI's string or as the engine's report object (`{ name, detail }`); both become a string.
 */
export function readProbeResult(value: unknown): ProbeResult | undefined {
  if (!isObject(value) || !Array.isArray(value.models)) return undefined;
  const backend = isObject(value.backend) ? value.backend.name : value.backend;
  if (typeof backend !== "string") return undefined;
  const modelsOk = value.models.every(
    (m) => isObject(m) && typeof m.name === "string" && Array.isArray(m.layers),
  );
  if (!modelsOk) return undefined;
  return { ...(value as unknown as ProbeResult), backend };
}
