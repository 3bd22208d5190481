/**
 * Coalesces lint requests per document: every request made while one batch of messages is
 * handled runs one lint per URI on setImmediate, so a burst of keystrokes lints once with no
 * timer delay.
 */

/** Collects URIs and lints each once after the current batch of messages. */
export class LintQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(private readonly lint: (uri: string) => void) {}

  /** Asks for a lint of `uri` after the current batch of messages. */
  add(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      for (const next of uris) this.lint(next);
    });
  }
}
