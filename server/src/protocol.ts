/**
 * Everything the initlint server and its clients exchange beyond standard LSP, declared once.
 * Custom requests and notifications use the `initlint/` method prefix; commands the server
 * executes (workspace/executeCommand) use `initlint.`. Plain strings and types only, so the
 * client can import this module without pulling in the server.
 */
import type { FileDescription, Position } from "./model/types";
import type { LayerResult, ModelResult, ProbeResult } from "./probe/types";

/** Code action kind of the file-wide safe fix; also answers `source.fixAll`. */
export const fixAllKind = "source.fixAll.initlint";

/**
 * Command, client to server: open a rule's documentation page. Arguments: `[href]`. The
 * server answers with window/showDocument, so clients need no handler of their own.
 */
export const showDocumentationCommand = "initlint.showDocumentation";

/**
 * Command, client to server: run the probe on a document's model at `position`, or on all
 * of its models. Arguments: `[ProbeArgs]`. Results arrive as `initlint/probeResult`.
 */
export const probeCommand = "initlint.probe";

/** Arguments of `initlint.probe`. */
export interface ProbeArgs {
  uri: string;
  /** 0-based position inside the model to probe; absent to probe every model in the file. */
  position?: Position;
}

/** Notification, server to client: the full result of a finished probe, for the plot. */
export const probeResultNotification = "initlint/probeResult";

/**
 * One row of `initlint/probeResult`: the measurements and the knowledge core's analytic
 * output variance at the same depth from a unit-variance input (null when it cannot say).
 */
export type ProbeLayerParams = LayerResult & { predictedVar: number | null };

/** One model of `initlint/probeResult`. */
export type ProbeModelParams = Omit<ModelResult, "layers"> & { layers: ProbeLayerParams[] };

/** Parameters of `initlint/probeResult`: the whole probe result and the document it is of. */
export type ProbeResultParams = Omit<ProbeResult, "models"> & {
  uri: string;
  models: ProbeModelParams[];
};

/**
 * Request, client to server: the model description of an open document as the analysis sees
 * it (for the probe UI and for debugging). Answers null for a document the server does not know.
 */
export const describeRequest = "initlint/describe";

/** Parameters of `initlint/describe`. */
export interface DescribeParams {
  uri: string;
}

/** Result of `initlint/describe`. */
export type DescribeResult = FileDescription | null;
