/**
 * Coalesces lint requests per document: every request made while one batch of messages is
 * handled runs one lint per URI on setImmediate, so a burst of keystrokes lints once with no
 * timer delay. Nothing runs before the queue's `ready` promise settles (the Python parser
 * loads asynchronously), so a document opened early is linted once it can be, not skipped.
 */

/** Collects URIs and lints each once after the current batch of messages. */
export class LintQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;

  /**
   * `lint` runs once per pending URI; `ready` (the parser loading) is awaited before the
   * first run. A rejected `ready` still lets lints run, so their failure is logged as usual.
   */
  constructor(
    private readonly lint: (uri: string) => void,
    private readonly ready: Promise<unknown> = Promise.resolve(),
  ) {}

  /** Asks for a lint of `uri` after the current batch of messages (and the parser). */
  add(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = () =>
      setImmediate(() => {
        this.scheduled = false;
        const uris = [...this.pending];
        this.pending.clear();
        for (const next of uris) this.lint(next);
      });
    void this.ready.then(flush, flush);
  }
}
