/**
 * The two analyses the differential tests compare: a document's cached (incremental)
 * analysis, as the server runs it after an edit, and a fresh analysis of the same text.
 */
import { analyze, type AnalysisResult } from "../../server/src/analysis/analyze";
import type { EffectiveConfig } from "../../server/src/config/effective";
import type { OpenDocument } from "../../server/src/documents/store";

/** The document's analysis through its own cache and tree, as after an edit in the server. */
export function cachedAnalysis(doc: OpenDocument, config: EffectiveConfig): AnalysisResult {
  return analyze({
    uri: doc.uri,
    text: doc.text,
    languageId: doc.languageId,
    config,
    tree: doc.tree(),
    cache: doc.analysisCache,
    lineStarts: doc.lineStarts,
  });
}

/** A fresh analysis of the document's text: nothing cached, a new parse. */
export function freshAnalysis(doc: OpenDocument, config: EffectiveConfig): AnalysisResult {
  return analyze({ uri: doc.uri, text: doc.text, languageId: doc.languageId, config });
}
