/**
 * Which local names stand for TensorFlow.js: ES imports, `import x = require()`, CommonJS
 * `require` (plain and destructured) and, in a script with no import at all, the global `tf`
 * of a browser page. Names are mapped to canonical paths rooted at `tf` (`tf.layers`), so the
 * extractor recognises `layers.dense` and `tf.layers.dense` alike.
 */
import ts from "typescript";

/** TF.js packages whose exports the extractor understands. */
const tfjsModules = new Set([
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-node",
  "@tensorflow/tfjs-node-gpu",
  "@tensorflow/tfjs-layers",
]);

/** Local name to canonical path: `tf` -> `tf`, `L` -> `tf.layers`. */
export type Bindings = Map<string, string>;

function isTfjsModule(spec: ts.Expression | undefined): boolean {
  return spec !== undefined && ts.isStringLiteralLike(spec) && tfjsModules.has(spec.text);
}

function requiredModule(expr: ts.Expression | undefined): boolean {
  if (!expr || !ts.isCallExpression(expr)) return false;
  const callee = expr.expression;
  const isRequire = ts.isIdentifier(callee) && callee.text === "require";
  return isRequire && isTfjsModule(expr.arguments[0]);
}

function bindPattern(pattern: ts.BindingName, path: string, out: Bindings): void {
  if (ts.isIdentifier(pattern)) {
    out.set(pattern.text, path);
    return;
  }
  if (!ts.isObjectBindingPattern(pattern)) return;
  for (const element of pattern.elements) {
    const key = element.propertyName ?? element.name;
    const keyText = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
    if (keyText === undefined || element.dotDotDotToken) continue;
    bindPattern(element.name, `${path}.${keyText}`, out);
  }
}

function bindImport(decl: ts.ImportDeclaration, out: Bindings): void {
  const clause = decl.importClause;
  if (!clause || !isTfjsModule(decl.moduleSpecifier)) return;
  if (clause.name) out.set(clause.name.text, "tf");
  const named = clause.namedBindings;
  if (!named) return;
  if (ts.isNamespaceImport(named)) {
    out.set(named.name.text, "tf");
    return;
  }
  for (const element of named.elements) {
    const imported = (element.propertyName ?? element.name).text;
    out.set(element.name.text, `tf.${imported}`);
  }
}

/** True when the file declares or imports a `tf` of its own (then it is no page global). */
function declaresTf(sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const parent = node.parent;
    const isName =
      ts.isIdentifier(node) &&
      node.text === "tf" &&
      parent !== undefined &&
      (ts.isVariableDeclaration(parent) ||
        ts.isFunctionDeclaration(parent) ||
        ts.isParameter(parent) ||
        ts.isImportClause(parent) ||
        ts.isNamespaceImport(parent) ||
        ts.isImportSpecifier(parent) ||
        ts.isImportEqualsDeclaration(parent) ||
        ts.isBindingElement(parent)) &&
      (parent as ts.NamedDeclaration).name === node;
    if (isName) found = true;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Collects the TF.js bindings of a file; `usesGlobal` says `tf` is the page's global. */
export function collectBindings(sf: ts.SourceFile): {
  bindings: Bindings;
  usesGlobal: boolean;
} {
  const bindings: Bindings = new Map();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) bindImport(node, bindings);
    if (ts.isImportEqualsDeclaration(node)) {
      const ref = node.moduleReference;
      const external = ts.isExternalModuleReference(ref) && isTfjsModule(ref.expression);
      if (external) bindings.set(node.name.text, "tf");
    }
    if (ts.isVariableDeclaration(node) && requiredModule(node.initializer)) {
      bindPattern(node.name, "tf", bindings);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (bindings.size > 0 || declaresTf(sf)) return { bindings, usesGlobal: false };
  bindings.set("tf", "tf");
  return { bindings, usesGlobal: true };
}

/**
 * The canonical path of an expression such as `tf.layers.dense` or `layers.dense`, or
 * undefined when it is not rooted at a TF.js binding.
 */
export function qualify(expr: ts.Expression, bindings: Bindings): string | undefined {
  if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) {
    return qualify(expr.expression, bindings);
  }
  if (ts.isIdentifier(expr)) return bindings.get(expr.text);
  if (ts.isPropertyAccessExpression(expr)) {
    const base = qualify(expr.expression, bindings);
    return base === undefined ? undefined : `${base}.${expr.name.text}`;
  }
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) {
    const base = qualify(expr.expression, bindings);
    return base === undefined ? undefined : `${base}.${expr.argumentExpression.text}`;
  }
  return undefined;
}
