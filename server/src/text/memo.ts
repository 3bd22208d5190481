/**
 * A cache that lives on the object it describes. Module-level WeakMaps keyed by the
 * per-edit objects of the analysis (a component's facts, its models) kept their values alive
 * through V8's minor collections until the next full one, so every keystroke promoted them
 * and the minor collections that followed were slow. A hidden slot on the object dies with
 * it. The slot is a non-enumerable symbol: invisible to JSON, to equality and to spreading.
 * A frozen object, which cannot take the slot, falls back to a WeakMap.
 */
const slot = Symbol("initlint.memo");
const frozen = new WeakMap<object, Map<string, unknown>>();

type Slotted = { [slot]?: Map<string, unknown> };

function memosOf(target: object): Map<string, unknown> {
  const own = (target as Slotted)[slot];
  if (own) return own;
  const memos = new Map<string, unknown>();
  if (Object.isExtensible(target)) {
    Object.defineProperty(target, slot, { value: memos, enumerable: false });
    return memos;
  }
  const held = frozen.get(target);
  if (held) return held;
  frozen.set(target, memos);
  return memos;
}

/** The value `make()` returns for `target`, computed once per target and `key`. */
export function memoOn<T>(target: object, key: string, make: () => T): T {
  const memos = memosOf(target);
  if (memos.has(key)) return memos.get(key) as T;
  const value = make();
  memos.set(key, value);
  return value;
}
