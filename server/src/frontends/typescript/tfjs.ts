/**
 * The TensorFlow.js extractor: walks a parsed script in source order with a scope of what
 * each name holds (a constant, an unapplied layer, a symbolic tensor, a sequential model),
 * and builds models from `tf.sequential` + `add`, `tf.sequential({layers})` and the
 * functional `layer.apply(x)` / `tf.model({inputs, outputs})` form. Loops with a static
 * count are unrolled so the model has its real depth; local functions (`residualBlock(x)`)
 * run at their call with the arguments bound, and once more at the end when never called.
 */
import ts from "typescript";
import type { InitCall, Model } from "../../model/types";
import { LayerConfig, type BuildContext } from "./builder";
import {
  functionalModel,
  sequentialModel,
  uniqueId,
  type GraphNode,
  type LayerBody,
  type SequentialModel,
} from "./graph";
import { qualify, type Bindings } from "./imports";
import { readInitializer, type TfjsQuirk } from "./initexpr";
import { buildLayer, type Shape } from "./layers";
import {
  line,
  loopCount,
  loopVariable,
  maxUnroll,
  sameRange,
  Scope,
  unknown,
  variableName,
  type BuiltLayer,
  type LocalFunction,
  type Value,
} from "./scope";
import { nodeRange } from "./source";
import { evaluate, properties, stripCasts, type Static } from "./values";

/** How deep local function calls are followed. */
const maxCallDepth = 8;

/** What the extractor found in one file. */
export interface TfjsExtraction {
  models: Model[];
  initCalls: InitCall[];
  quirks: TfjsQuirk[];
  notes: string[];
}

/** Walks a script and extracts its TF.js models and initializers. */
export function extractTfjs(sf: ts.SourceFile, bindings: Bindings): TfjsExtraction {
  const walker = new Walker(sf, bindings);
  walker.program(sf);
  return walker.finish();
}

class Walker {
  private readonly initCalls: InitCall[] = [];
  private readonly quirks: TfjsQuirk[] = [];
  private readonly notes: string[] = [];
  private readonly sequentials: SequentialModel[] = [];
  private readonly functionals: Model[] = [];
  private readonly ids = new Set<string>();
  private seq = 0;
  private readonly functions: { fn: LocalFunction; scope: Scope }[] = [];
  private readonly called = new Set<LocalFunction>();
  private readonly active = new Set<LocalFunction>();
  private readonly returns: Value[] = [];

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly bindings: Bindings,
  ) {}

  finish(): TfjsExtraction {
    const models: Model[] = [];
    for (const s of this.sequentials) {
      const id = uniqueId(s.name ?? "sequential", s.range, this.ids);
      const model = sequentialModel(s, id);
      if (model) models.push(model);
    }
    models.push(...this.functionals);
    // A builder function run at two call sites yields the same model twice; keep the first.
    const starts = new Set<string>();
    const unique = models.filter((m) => {
      const key = `${m.range.start.line}:${m.range.start.character}`;
      const fresh = !starts.has(key);
      starts.add(key);
      return fresh;
    });
    models.length = 0;
    models.push(...unique);
    models.sort((a, b) => a.range.start.line - b.range.start.line);
    this.collectStrayInitializers();
    return { models, initCalls: this.initCalls, quirks: this.quirks, notes: this.notes };
  }

  /** Walks the whole file, then the local functions it never called. */
  program(sf: ts.SourceFile): void {
    this.visit(sf, new Scope());
    this.runUncalled();
  }

  private visit(node: ts.Node, scope: Scope): void {
    if (ts.isVariableDeclaration(node)) return this.declaration(node, scope);
    if (ts.isExpressionStatement(node)) return void this.value(node.expression, scope);
    if (ts.isReturnStatement(node)) return this.returned(node, scope);
    if (ts.isForStatement(node)) return this.forLoop(node, scope);
    if (ts.isForOfStatement(node)) return this.forOf(node, scope);
    if (ts.isFunctionDeclaration(node)) return; // hoisted by `hoist`
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node)) {
      const inner = new Scope(scope);
      this.hoist(node.statements, inner);
      return node.statements.forEach((child) => this.visit(child, inner));
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) {
      const inner = new Scope(scope);
      return ts.forEachChild(node, (child) => this.visit(child, inner));
    }
    if (ts.isCallExpression(node)) return void this.value(node, scope);
    ts.forEachChild(node, (child) => this.visit(child, scope));
  }

  /** Function declarations are visible in their whole block, before their text. */
  private hoist(list: readonly ts.Statement[], scope: Scope): void {
    for (const statement of list) {
      if (!ts.isFunctionDeclaration(statement) || !statement.name || !statement.body) continue;
      scope.declare(statement.name.text, this.defineFunction(statement, scope));
    }
  }

  private defineFunction(fn: LocalFunction, scope: Scope): Value {
    this.functions.push({ fn, scope });
    return { kind: "function", fn, scope };
  }

  private returned(node: ts.ReturnStatement, scope: Scope): void {
    const value = node.expression ? this.value(node.expression, scope) : unknown;
    if (this.returns.length > 0) this.returns[this.returns.length - 1] = value;
  }

  /** Runs a local function's body with its parameters bound; depth-limited, no recursion. */
  private invoke(fn: LocalFunction, closure: Scope, args: Value[]): Value {
    if (this.active.has(fn) || this.active.size >= maxCallDepth || !fn.body) return unknown;
    this.called.add(fn);
    this.active.add(fn);
    const scope = new Scope(closure);
    fn.parameters.forEach((param, i) => {
      if (ts.isIdentifier(param.name)) scope.declare(param.name.text, args[i] ?? unknown);
    });
    this.returns.push(unknown);
    if (ts.isBlock(fn.body)) {
      this.hoist(fn.body.statements, scope);
      fn.body.statements.forEach((statement) => this.visit(statement, scope));
    } else {
      this.returns[this.returns.length - 1] = this.value(fn.body, scope);
    }
    this.active.delete(fn);
    return this.returns.pop() ?? unknown;
  }

  /** Functions never called in the file (exported builders) still describe their models. */
  private runUncalled(): void {
    for (let i = 0; i < this.functions.length; i++) {
      const { fn, scope } = this.functions[i]!;
      if (!this.called.has(fn)) this.invoke(fn, scope, []);
    }
  }

  private declaration(node: ts.VariableDeclaration, scope: Scope): void {
    if (!node.initializer) return;
    const value = this.value(node.initializer, scope);
    if (!ts.isIdentifier(node.name)) return;
    scope.declare(node.name.text, value);
    if (value.kind === "sequential" && value.model.name === undefined) {
      value.model.name = node.name.text;
      value.model.nameRange = nodeRange(this.sf, node.name);
    }
  }

  /** Evaluates an expression for what it holds, recording models and layers on the way. */
  private value(expr: ts.Expression, scope: Scope): Value {
    const e = stripCasts(expr);
    if (ts.isIdentifier(e)) return scope.get(e.text) ?? unknown;
    if (ts.isCallExpression(e)) return this.call(e, scope);
    if (ts.isArrayLiteralExpression(e)) return this.array(e, scope);
    if (ts.isAwaitExpression(e)) return this.value(e.expression, scope);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e))
      return this.defineFunction(e, scope);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const value = this.value(e.right, scope);
      if (ts.isIdentifier(e.left)) scope.assign(e.left.text, value);
      return value;
    }
    const constant = evaluate(e, (name) => this.constant(name, scope));
    if (constant !== undefined) return { kind: "const", value: constant };
    ts.forEachChild(e, (child) => this.visit(child, scope));
    return ts.isObjectLiteralExpression(e) ? { kind: "expr", expr: e } : unknown;
  }

  private constant(name: string, scope: Scope): Static | undefined {
    const v = scope.get(name);
    return v?.kind === "const" ? v.value : undefined;
  }

  private array(e: ts.ArrayLiteralExpression, scope: Scope): Value {
    const constant = evaluate(e, (name) => this.constant(name, scope));
    if (constant !== undefined) return { kind: "const", value: constant };
    return { kind: "list", items: e.elements.map((el) => this.value(el, scope)) };
  }

  private call(e: ts.CallExpression, scope: Scope): Value {
    const path = qualify(e.expression, this.bindings);
    if (path === "tf.sequential") return this.sequential(e, scope);
    if (path === "tf.model") return this.model(e, scope);
    if (path === "tf.input" || path === "tf.layers.input") return this.input(e, scope);
    if (path?.startsWith("tf.initializers.")) return this.initializer(e, scope);
    if (path?.startsWith("tf.layers.")) {
      return { kind: "layer", call: e, op: path.slice("tf.layers.".length) };
    }

    const callee = stripCasts(e.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const target = this.value(callee.expression, scope);
      if (method === "apply" && target.kind === "layer") return this.apply(target, e, scope);
      if (method === "add" && target.kind === "sequential") {
        this.add(target.model, e.arguments[0], scope, e);
        return unknown;
      }
    }
    const target = ts.isPropertyAccessExpression(callee) ? unknown : this.value(callee, scope);
    const args = e.arguments.map((arg) => this.value(arg, scope));
    return target.kind === "function" ? this.invoke(target.fn, target.scope, args) : unknown;
  }

  private context(scope: Scope): BuildContext {
    return {
      sf: this.sf,
      bindings: this.bindings,
      quirks: this.quirks,
      initCalls: this.initCalls,
      lookup: (name) => this.constant(name, scope),
      resolveExpr: (name) => {
        const v = scope.get(name);
        return v?.kind === "expr" ? v.expr : undefined;
      },
    };
  }

  private initializer(e: ts.CallExpression, scope: Scope): Value {
    const read = readInitializer(e, "", this.context(scope));
    if (read && !this.initCalls.some((c) => sameRange(c.range, read.call.range))) {
      this.initCalls.push(read.call);
    }
    return { kind: "expr", expr: e };
  }

  /** Builds the layer of a `tf.layers.x(...)` value for an input of the given shape. */
  private build(
    layer: { call: ts.CallExpression; op: string },
    inShape: Shape,
    scope: Scope,
  ): BuiltLayer {
    const wrapper = layer.op === "bidirectional" || layer.op === "timeDistributed";
    const cfg = new LayerConfig(layer.call, this.context(scope));
    if (wrapper) return this.wrapped(layer.op, cfg, inShape, scope);
    const built = buildLayer(layer.op, cfg, inShape);
    const { outShape, ...fields } = built;
    const body: LayerBody = {
      ...fields,
      op: `tf.layers.${layer.op}`,
      range: nodeRange(this.sf, layer.call),
      call: cfg.callSite(),
    };
    return {
      body,
      outShape,
      configName: cfg.string("name"),
      inShape: cfg.inputShape() ?? inShape,
    };
  }

  /** `bidirectional({layer})` and `timeDistributed({layer})` describe their inner layer. */
  private wrapped(op: string, cfg: LayerConfig, inShape: Shape, scope: Scope): BuiltLayer {
    const innerExpr = cfg.props.get("layer")?.value;
    const inner = innerExpr ? this.value(innerExpr, scope) : unknown;
    const shapeIn = cfg.inputShape() ?? inShape;
    if (inner.kind !== "layer") {
      const body: LayerBody = {
        ...{ kind: "other", op: `tf.layers.${op}`, inFeatures: null, outFeatures: null },
        ...{ hasBias: false, params: [], range: nodeRange(this.sf, cfg.call) },
      };
      return { body, outShape: null, configName: cfg.string("name"), inShape: shapeIn };
    }
    const timeSlice = op === "timeDistributed" && shapeIn ? shapeIn.slice(1) : shapeIn;
    const built = this.build(inner, timeSlice, scope);
    if (op === "timeDistributed") {
      const steps = shapeIn ? shapeIn[0]! : null;
      return { ...built, outShape: built.outShape ? [steps, ...built.outShape] : null };
    }
    const concat = (cfg.string("mergeMode") ?? "concat") === "concat";
    const out = built.outShape;
    const units = out ? out[out.length - 1]! : null;
    const merged = concat && units !== null ? 2 * units : units;
    const outShape = out ? [...out.slice(0, -1), merged] : null;
    return {
      ...built,
      body: { ...built.body, bidirectional: true },
      outShape,
      inShape: shapeIn,
    };
  }

  private apply(layer: Extract<Value, { kind: "layer" }>, e: ts.CallExpression, scope: Scope) {
    const arg = e.arguments[0] ? this.value(e.arguments[0], scope) : unknown;
    const inputs = tensorsOf(arg);
    const inShape = inputs[0]?.shape ?? null;
    const built = this.build(layer, inShape, scope);
    const node: GraphNode = {
      layer: built.body,
      configName: built.configName,
      inputs,
      shape: built.outShape,
      seq: this.seq++,
    };
    return { kind: "tensor", node } as const;
  }

  private input(e: ts.CallExpression, scope: Scope): Value {
    const cfg = new LayerConfig(e, this.context(scope));
    const shape = cfg.dims("shape") ?? cfg.dims("batchShape")?.slice(1) ?? null;
    return { kind: "tensor", node: { inputs: [], shape, seq: this.seq++ } };
  }

  private sequential(e: ts.CallExpression, scope: Scope): Value {
    const range = nodeRange(this.sf, e);
    const model: SequentialModel = { layers: [], shape: null, range, nameRange: range };
    this.sequentials.push(model);
    const arg = e.arguments[0] ? stripCasts(e.arguments[0]) : undefined;
    if (!arg || !ts.isObjectLiteralExpression(arg)) return { kind: "sequential", model };

    const props = properties(arg);
    const name = evaluate(props.get("name")?.value, () => undefined);
    if (typeof name === "string") model.name = name;
    const list = props.get("layers")?.value;
    const items = list ? stripCasts(list) : undefined;
    if (items && ts.isArrayLiteralExpression(items)) {
      for (const item of items.elements) this.add(model, item, scope);
    } else if (list) {
      this.notes.push(
        `tfjs: layers of the model at line ${range.start.line + 1} are not a literal`,
      );
    }
    return { kind: "sequential", model };
  }

  private add(
    model: SequentialModel,
    arg: ts.Expression | undefined,
    scope: Scope,
    at?: ts.Node,
  ) {
    const value = arg ? this.value(arg, scope) : unknown;
    if (value.kind !== "layer") return;
    if (value.op === "inputLayer") {
      // An input layer only fixes the shape; it has no weights and no place in the flow.
      const cfg = new LayerConfig(value.call, this.context(scope));
      model.shape = cfg.inputShape() ?? model.shape;
      model.inputShape = model.shape;
      return;
    }
    const built = this.build(value, model.shape, scope);
    if (model.layers.length === 0) model.inputShape ??= built.inShape;
    model.layers.push({ body: built.body, configName: built.configName });
    model.shape = built.outShape;
    if (at) model.range = { start: model.range.start, end: nodeRange(this.sf, at).end };
  }

  private model(e: ts.CallExpression, scope: Scope): Value {
    const arg = e.arguments[0] ? stripCasts(e.arguments[0]) : undefined;
    if (!arg || !ts.isObjectLiteralExpression(arg)) return unknown;
    const props = properties(arg);
    const out = props.get("outputs");
    const outputs = out ? this.value(out.value, scope) : unknown;
    const nodes = tensorsOf(outputs);
    const range = nodeRange(this.sf, e);
    const declared = variableName(e);
    const configName = evaluate(props.get("name")?.value, () => undefined);
    const name = typeof configName === "string" ? configName : (declared?.text ?? "model");
    const nameRange = declared ? nodeRange(this.sf, declared) : range;
    const id = uniqueId(name, range, this.ids);
    const model = functionalModel({ id, name, outputs: nodes, range, nameRange });
    if (model) this.functionals.push(model);
    return unknown;
  }

  private forLoop(node: ts.ForStatement, scope: Scope): void {
    const inner = new Scope(scope);
    const count = loopCount(node, (name) => this.constant(name, scope));
    const variable = loopVariable(node);
    if (count === undefined) {
      this.notes.push(
        `tfjs: loop at line ${line(this.sf, node)} has no static count; read once`,
      );
    }
    const times = Math.min(count ?? 1, maxUnroll);
    for (let i = 0; i < times; i++) {
      const iteration = new Scope(inner);
      if (variable && count !== undefined)
        iteration.declare(variable.name, variable.valueAt(i));
      this.visit(node.statement, iteration);
    }
  }

  private forOf(node: ts.ForOfStatement, scope: Scope): void {
    const items = this.value(node.expression, scope);
    const decl = ts.isVariableDeclarationList(node.initializer)
      ? node.initializer.declarations[0]
      : undefined;
    const name = decl && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
    let list: Value[] = [unknown];
    if (items.kind === "list") list = items.items;
    if (items.kind === "const" && Array.isArray(items.value)) {
      list = items.value.map((value) => ({ kind: "const", value }));
    }
    for (const item of list.slice(0, maxUnroll)) {
      const iteration = new Scope(scope);
      if (name) iteration.declare(name, item);
      this.visit(node.statement, iteration);
    }
  }

  /** Initializer strings and calls outside any layer we could read still count for IL011. */
  private collectStrayInitializers(): void {
    const scope = new Scope();
    const ctx = this.context(scope);
    const visit = (node: ts.Node): void => {
      const isInitProp =
        ts.isPropertyAssignment(node) &&
        (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
        node.name.text.endsWith("Initializer") &&
        ts.isStringLiteralLike(stripCasts(node.initializer));
      if (isInitProp) {
        const key = (node.name as ts.Identifier).text;
        this.pushInit(readInitializer(node.initializer, key, ctx)?.call);
      }
      const path = ts.isCallExpression(node)
        ? qualify(node.expression, this.bindings)
        : undefined;
      if (path?.startsWith("tf.initializers.")) {
        this.pushInit(readInitializer(node as ts.CallExpression, "", ctx)?.call);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
    this.initCalls.sort((a, b) => a.range.start.line - b.range.start.line);
  }

  private pushInit(call: InitCall | undefined): void {
    if (call && !this.initCalls.some((c) => sameRange(c.range, call.range))) {
      this.initCalls.push(call);
    }
  }
}

function tensorsOf(value: Value): GraphNode[] {
  if (value.kind === "tensor") return [value.node];
  if (value.kind !== "list") return [];
  return value.items.flatMap((item) => (item.kind === "tensor" ? [item.node] : []));
}
