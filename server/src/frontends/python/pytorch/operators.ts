/**
 * Python's operators on known values: unary and binary arithmetic, in-place list growth,
 * and equality. Anything involving an unknown value yields UNKNOWN (or undefined for
 * equality), never a guess.
 */
import { type QName, type Value, UNKNOWN, isTagged, isUnknown } from "./values";

const maxItems = 4096;

/** `-x`, `+x` on numbers. */
export function unary(op: string, v: Value): Value {
  const n = typeof v === "number" ? v : null;
  if (n === null) return UNKNOWN;
  if (op === "-") return -n;
  if (op === "+") return n;
  return UNKNOWN;
}

/** `a op= b`: lists grow in place, as in Python; everything else as `a op b`. */
export function binaryInPlace(op: string, a: Value, b: Value): Value {
  if (op === "+" && Array.isArray(a)) {
    const items = Array.isArray(b) ? b : null;
    if (!items) return UNKNOWN;
    a.push(...items);
    return a;
  }
  return binary(op, a, b);
}

/** Python's binary arithmetic on known numbers, strings and lists. */
export function binary(op: string, a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") return arithmetic(op, a, b);
  if (op === "+" && typeof a === "string" && typeof b === "string") return a + b;
  if (op === "+" && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (
    op === "*" &&
    Array.isArray(a) &&
    typeof b === "number" &&
    b >= 0 &&
    b * a.length < maxItems
  ) {
    return Array.from({ length: b }, () => a).flat();
  }
  return UNKNOWN;
}

function arithmetic(op: string, a: number, b: number): Value {
  const result = (() => {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? NaN : a / b;
      case "//":
        return b === 0 ? NaN : Math.floor(a / b);
      case "%":
        return b === 0 ? NaN : a - b * Math.floor(a / b);
      case "**":
        return a ** b;
      default:
        return NaN;
    }
  })();
  return Number.isFinite(result) ? result : UNKNOWN;
}

/** Python's `==` / `is` on known values; undefined when either side is unknown. */
export function same(a: Value, b: Value): boolean | undefined {
  if (isUnknown(a) || isUnknown(b)) return undefined;
  if (isTagged<QName>(a, "qname") && isTagged<QName>(b, "qname")) return a.name === b.name;
  if (typeof a === "object" || typeof b === "object") {
    if (a === null || b === null) return a === b;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return false;
      let all = true;
      for (let i = 0; i < a.length; i++) {
        const s = same(a[i]!, b[i]!);
        if (s === undefined) return undefined;
        all &&= s;
      }
      return all;
    }
    return a === b;
  }
  return a === b;
}
