/**
 * Static reading of configuration values in TF.js code: numbers, strings, booleans, arrays
 * and object literals, with identifiers resolved through the extractor's constant scope.
 * Anything else (a call, a parameter, arithmetic on unknowns) reads as `undefined`.
 */
import ts from "typescript";

/** A statically known value. */
export type Static = number | string | boolean | null | Static[];

/** Looks an identifier up in the scope at the point of use. */
export type ConstLookup = (name: string) => Static | undefined;

function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** Strips parentheses, `as` casts and non-null assertions. */
export function stripCasts(expr: ts.Expression): ts.Expression {
  return unwrap(expr);
}

function arithmetic(op: ts.SyntaxKind, a: number, b: number): number | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      return a + b;
    case ts.SyntaxKind.MinusToken:
      return a - b;
    case ts.SyntaxKind.AsteriskToken:
      return a * b;
    case ts.SyntaxKind.SlashToken:
      return b === 0 ? undefined : a / b;
    default:
      return undefined;
  }
}

/** Evaluates an expression to a static value, or undefined when it is not static. */
export function evaluate(
  expr: ts.Expression | undefined,
  lookup: ConstLookup,
): Static | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (e.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isIdentifier(e)) return e.text === "undefined" ? undefined : lookup(e.text);
  if (ts.isPrefixUnaryExpression(e)) {
    const v = evaluate(e.operand, lookup);
    if (typeof v !== "number") return undefined;
    if (e.operator === ts.SyntaxKind.MinusToken) return -v;
    return e.operator === ts.SyntaxKind.PlusToken ? v : undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const a = evaluate(e.left, lookup);
    const b = evaluate(e.right, lookup);
    if (typeof a !== "number" || typeof b !== "number") return undefined;
    return arithmetic(e.operatorToken.kind, a, b);
  }
  if (ts.isArrayLiteralExpression(e)) {
    const items = e.elements.map((el) =>
      ts.isSpreadElement(el) ? undefined : evaluate(el, lookup),
    );
    return items.every((v) => v !== undefined) ? (items as Static[]) : undefined;
  }
  return undefined;
}

/** A property of an object literal with its name node. */
export interface Property {
  name: string;
  /** The whole `name: value` assignment (or the shorthand name). */
  node: ts.ObjectLiteralElementLike;
  /** The value expression (the name itself for a shorthand property). */
  value: ts.Expression;
}

/** The named properties of an object literal, in source order; spreads and methods skipped. */
export function properties(obj: ts.ObjectLiteralExpression): Map<string, Property> {
  const out = new Map<string, Property>();
  for (const prop of obj.properties) {
    if (ts.isPropertyAssignment(prop)) {
      const n = prop.name;
      const name = ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
      if (name !== undefined) out.set(name, { name, node: prop, value: prop.initializer });
    } else if (ts.isShorthandPropertyAssignment(prop)) {
      out.set(prop.name.text, { name: prop.name.text, node: prop, value: prop.name });
    }
  }
  return out;
}

/** A number, or undefined when the value is not a number. */
export function asNumber(v: Static | undefined): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** Dims: a number becomes `[n, n...]` of the given rank; unknown entries are null. */
export function asDims(v: Static | undefined, rank?: number): (number | null)[] | undefined {
  if (typeof v === "number") return rank ? Array<number>(rank).fill(v) : [v];
  if (!Array.isArray(v)) return undefined;
  return v.map((d) => (typeof d === "number" && Number.isInteger(d) && d > 0 ? d : null));
}
