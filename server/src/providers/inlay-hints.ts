/**
 * `textDocument/inlayHint`: the last probe's numbers at the end of each probed layer's line
 * (`σ² 0.41 · dead 3 %`), only inside the requested range and only while the document is
 * the text that was probed (the service forgets a result when its document changes).
 */
import type { InlayHint, Range } from "vscode-languageserver/node";
import type { ProbeResult } from "../probe/types";
import { probeInlayHints } from "./probe";

/** What one inlay hint request is answered from. */
export interface InlayHintInput {
  /** The document's last probe result, if any. */
  result: ProbeResult | undefined;
  /** The document's current text. */
  text: string;
  range: Range;
  /** The `initlint.inlayHints.enable` setting of the document. */
  enabled: boolean;
}

/** The hints of the lines inside the range. */
export function inlayHints(input: InlayHintInput): InlayHint[] {
  if (!input.enabled || !input.result) return [];
  const lines = input.text.split(/\r?\n/);
  const { start, end } = input.range;
  return probeInlayHints(input.result.models, lines).filter(
    (hint) => hint.position.line >= start.line && hint.position.line <= end.line,
  );
}
