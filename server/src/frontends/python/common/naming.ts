/**
 * Layer ids within one model: the names Keras itself would generate (`conv2d`, `dense_1`),
 * which also read well for Flax's inline layers (`Dense_0` style is Flax's, but ids only need
 * to be stable and unique).
 */

/** The name Keras generates for an unnamed layer of a class: `Conv2D` -> `conv2d`. */
export function snakeName(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/** Hands out unique layer ids within one model the way Keras numbers names: dense, dense_1. */
export class LayerNamer {
  private readonly counts = new Map<string, number>();
  private readonly used = new Set<string>();

  /** A fresh id, preferring the explicit `name=` when it is unused. */
  next(base: string, explicit?: string | null): string {
    if (explicit && !this.used.has(explicit)) {
      this.used.add(explicit);
      return explicit;
    }
    let n = this.counts.get(base) ?? 0;
    let id = n === 0 ? base : `${base}_${n}`;
    while (this.used.has(id)) id = `${base}_${++n}`;
    this.counts.set(base, n + 1);
    this.used.add(id);
    return id;
  }
}
