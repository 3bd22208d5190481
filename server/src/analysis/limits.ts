/**
 * The one place that decides which texts are too big or too odd to analyse: over a size
 * limit, a line too long to be hand-written code, binary content, or bytes that are not
 * UTF-8. The server, the CLI and the pipeline itself ask here before parsing anything.
 */

/** Limits on analysed text, in UTF-16 code units (characters, for ASCII source). */
export const analysisLimits = {
  /** About 1 MB: ten times the largest hand-written model files seen in public repos. */
  maxChars: 1_000_000,
  /** Longer lines are generated data (inlined weights, minified code), not model code. */
  maxLineChars: 20_000,
};

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const next = text.indexOf("\n", start);
    const end = next < 0 ? text.length : next;
    longest = Math.max(longest, end - start);
    if (next < 0) return longest;
    start = next + 1;
  }
}

function megabytes(chars: number): string {
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}

/**
 * The last text checked and the answer: the server checks a document before asking for its
 * tree and the pipeline checks it again, and each check reads the whole text.
 */
let lastChecked: { text: string; reason: string | null } | null = null;

/** Why `text` is not analysed ("file is 5.0 MB, over the 1.0 MB limit"), or null to analyse it. */
export function skipReason(text: string): string | null {
  if (lastChecked?.text === text) return lastChecked.reason;
  const reason = findSkipReason(text);
  lastChecked = { text, reason };
  return reason;
}

function findSkipReason(text: string): string | null {
  const { maxChars, maxLineChars } = analysisLimits;
  if (text.length > maxChars) {
    return `file is ${megabytes(text.length)}, over the ${megabytes(maxChars)} limit`;
  }
  if (text.includes("\u0000")) return "binary file (it contains NUL characters)";
  const longest = longestLine(text);
  if (longest > maxLineChars) {
    return `a line of ${longest} characters, over the ${maxLineChars}-character limit`;
  }
  return null;
}

/** Decodes file bytes as UTF-8 source, or says why the file is skipped. */
export function decodeSource(bytes: Uint8Array): { text: string } | { skipped: string } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { skipped: "not UTF-8 text" };
  }
  const reason = skipReason(text);
  return reason ? { skipped: reason } : { text };
}
