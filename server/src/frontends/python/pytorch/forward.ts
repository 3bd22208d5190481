/**
 * Data flow through `forward()`: which layers a tensor passes, in order. Module calls
 * (`self.fc1(x)`, `self.layers[i](x)`, a loop over a ModuleList), nested calls
 * (`F.relu(self.fc(x))`), functional and tensor-method activations, flattening and residual
 * adds become an ordered layer list. Submodules of the file's own classes are followed into
 * their `forward()`; helper methods (`self._forward_impl(x)`) too.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Layer } from "../../../model/types";
import { qualify } from "../imports";
import { type EvalEnv, bindTarget, evaluate, iterate } from "./evaluate";
import { type FunctionalOp, functionalOp, tensorMethodOp } from "./forward-ops";
import type { Interpreter } from "./interpret";
import { type InstanceModule, type ModuleValue, isModule, leavesOf } from "./modules";
import { named, toRange, field } from "./syntax";
import {
  type MethodValue,
  type Value,
  Scope,
  UNKNOWN,
  asNumber,
  isTagged,
  truthy,
} from "./values";

/** A tensor's origin: the id of the layer that produced it, "input", or null (not a tensor). */
type Producer = string | null;

interface FlowFrame {
  self: InstanceModule;
  scope: Scope;
  tensors: Map<string, Producer>;
  depth: number;
  /** Inside a branch whose condition is unknown: a `return` there does not end the walk. */
  uncertain: number;
  returned?: Producer;
}

const maxDepth = 10;
const maxLoop = 256;
const maxNesting = 150;

/** Walks forward passes and collects the layers in data-flow order. */
export class ForwardWalker {
  readonly layers: Layer[] = [];
  private readonly position = new Map<string, number>();
  private readonly uses = new Map<Layer, number>();
  private readonly counters = new Map<string, number>();
  private nesting = 0;

  constructor(private readonly interp: Interpreter) {}

  /** Walks `forward` of an instance with its inputs; the producer of what it returns. */
  walkInstance(self: InstanceModule, inputs: Producer[], depth: number): Producer {
    const cls = this.interp.index.classes.get(self.className);
    const found = cls ? this.interp.findMethod(cls, "forward") : null;
    if (!found || depth > maxDepth) {
      let last: Producer = inputs[0] ?? null;
      for (const leaf of leavesOf(self)) last = this.emitLayer(leaf.layer);
      return last;
    }
    return this.walkFunction(found.node, self, inputs, depth);
  }

  private walkFunction(
    fn: Node,
    self: InstanceModule,
    inputs: Producer[],
    depth: number,
  ): Producer {
    const frame: FlowFrame = {
      self,
      scope: new Scope(this.interp.moduleScope),
      tensors: new Map(),
      depth,
      uncertain: 0,
    };
    frame.scope.set("self", self);
    const params = field(fn, "parameters");
    const names = (params ? named(params) : [])
      .map((p) => (p.type === "identifier" ? p : (field(p, "name") ?? named(p)[0])))
      .filter((p): p is Node => p?.type === "identifier")
      .map((p) => p.text)
      .slice(1);
    names.forEach((name, i) =>
      this.setTensor(frame, name, i < inputs.length ? inputs[i]! : "input"),
    );
    this.block(field(fn, "body"), frame);
    return frame.returned ?? null;
  }

  /** Number of declared layers (not functional nodes) reached so far. */
  reached(layer: Layer): boolean {
    return this.uses.has(layer);
  }

  private env(frame: FlowFrame): EvalEnv {
    const { imports, hooks, budget } = this.interp;
    return { scope: frame.scope, imports, hooks, budget };
  }

  private setTensor(frame: FlowFrame, name: string, producer: Producer): void {
    frame.tensors.set(name, producer);
    frame.scope.set(name, UNKNOWN);
  }

  private block(block: Node | null, frame: FlowFrame): boolean {
    // Pathologically deep nesting is cut off instead of overflowing the stack.
    if (this.nesting > maxNesting) return false;
    this.nesting++;
    try {
      return this.blockBody(block, frame);
    } finally {
      this.nesting--;
    }
  }

  private blockBody(block: Node | null, frame: FlowFrame): boolean {
    for (const statement of block ? named(block) : []) {
      if (this.interp.budget.steps-- <= 0) return true;
      if (this.statement(statement, frame)) return true;
    }
    return false;
  }

  /** Returns true when the walk of this function ends (a certain `return`). */
  private statement(node: Node, frame: FlowFrame): boolean {
    switch (node.type) {
      case "expression_statement":
        for (const child of named(node)) this.expressionStatement(child, frame);
        return false;
      case "return_statement": {
        const value = named(node)[0];
        const producer = value ? this.expr(value, frame) : null;
        if (frame.uncertain > 0) {
          frame.returned ??= producer;
          return false;
        }
        frame.returned = producer;
        return true;
      }
      case "if_statement":
        return this.ifStatement(node, frame);
      case "for_statement":
        return this.forStatement(node, frame);
      case "while_statement":
      case "with_statement":
        return this.block(field(node, "body"), frame);
      case "try_statement":
        return this.block(field(node, "body"), frame);
      default:
        return false;
    }
  }

  private expressionStatement(node: Node, frame: FlowFrame): void {
    if (node.type === "assignment") {
      const right = field(node, "right");
      const left = field(node, "left");
      const producer = right ? this.valueOf(right, frame, left) : null;
      if (left) this.bind(left, producer, right, frame);
      return;
    }
    if (node.type === "augmented_assignment") {
      const left = field(node, "left");
      const op = field(node, "operator")?.text;
      const a = left ? this.expr(left, frame) : null;
      const b = this.expr(field(node, "right"), frame);
      const result = op === "+=" ? this.add(a, b, node, b) : (a ?? b);
      if (left?.type === "identifier") this.setTensor(frame, left.text, result);
      return;
    }
    this.expr(node, frame);
  }

  private valueOf(right: Node, frame: FlowFrame, target: Node | null): Producer {
    // `a = b = x` chains: the innermost right side is the value.
    if (right.type === "assignment") {
      const inner = field(right, "right");
      const left = field(right, "left");
      const producer = inner ? this.valueOf(inner, frame, left) : null;
      if (left) this.bind(left, producer, inner, frame);
      return producer;
    }
    if (right.type === "binary_operator") return this.binary(right, frame, target?.text);
    return this.expr(right, frame);
  }

  /** `a + b`; the skip side of a residual is a plain variable, preferably not the target. */
  private binary(node: Node, frame: FlowFrame, target?: string): Producer {
    const left = field(node, "left");
    const right = field(node, "right");
    const a = this.expr(left, frame);
    const b = this.expr(right, frame);
    if (field(node, "operator")?.text !== "+") return a ?? b;
    const isVar = (n: Node | null) => n?.type === "identifier";
    let skip: Producer | undefined;
    if (isVar(left) && isVar(right))
      skip = left!.text === target ? b : right!.text === target ? a : undefined;
    else if (isVar(left)) skip = a;
    else if (isVar(right)) skip = b;
    else skip = b;
    return this.add(a, b, node, skip);
  }

  private bind(target: Node, producer: Producer, value: Node | null, frame: FlowFrame): void {
    if (target.type === "identifier") {
      if (producer !== null) this.setTensor(frame, target.text, producer);
      else if (value) {
        frame.tensors.delete(target.text);
        frame.scope.set(target.text, evaluate(value, this.env(frame)));
      }
      return;
    }
    if (target.type === "pattern_list" || target.type === "tuple_pattern") {
      for (const part of named(target))
        if (part.type === "identifier") this.setTensor(frame, part.text, producer);
    }
  }

  private ifStatement(node: Node, frame: FlowFrame): boolean {
    const branches: { condition: Node | null; body: Node | null }[] = [
      { condition: field(node, "condition"), body: field(node, "consequence") },
    ];
    for (const alt of node.childrenForFieldName("alternative")) {
      if (!alt) continue;
      const condition = alt.type === "elif_clause" ? field(alt, "condition") : null;
      branches.push({ condition, body: field(alt, "consequence") ?? field(alt, "body") });
    }
    let certain = true;
    for (const branch of branches) {
      const t = branch.condition ? truthy(evaluate(branch.condition, this.env(frame))) : true;
      if (t === false) continue;
      if (t === true && certain) return this.block(branch.body, frame);
      // An unknown condition: the branch may run, so its layers are part of the flow.
      certain = false;
      frame.uncertain++;
      this.block(branch.body, frame);
      frame.uncertain--;
    }
    return false;
  }

  private forStatement(node: Node, frame: FlowFrame): boolean {
    const left = field(node, "left");
    const body = field(node, "body");
    const items = iterate(evaluate(field(node, "right"), this.env(frame)), this.env(frame));
    if (!left || !items) {
      frame.uncertain++;
      this.block(body, frame);
      frame.uncertain--;
      return false;
    }
    for (const item of items.slice(0, maxLoop)) {
      bindTarget(left, item, frame.scope);
      if (this.block(body, frame)) return true;
    }
    return false;
  }

  private expr(node: Node | null, frame: FlowFrame): Producer {
    if (!node || this.interp.budget.steps-- <= 0 || this.nesting > maxNesting) return null;
    this.nesting++;
    try {
      return this.exprBody(node, frame);
    } finally {
      this.nesting--;
    }
  }

  private exprBody(node: Node, frame: FlowFrame): Producer {
    switch (node.type) {
      case "identifier":
        return frame.tensors.get(node.text) ?? null;
      case "call":
        return this.call(node, frame);
      case "binary_operator":
        return this.binary(node, frame);
      case "attribute":
        return this.expr(field(node, "object"), frame);
      case "subscript":
        return this.expr(field(node, "value"), frame);
      default: {
        let first: Producer = null;
        for (const child of named(node)) first ??= this.expr(child, frame);
        return first;
      }
    }
  }

  private args(call: Node, frame: FlowFrame): Producer[] {
    const list = field(call, "arguments");
    const out: Producer[] = [];
    for (const arg of list ? named(list) : []) {
      const value = arg.type === "keyword_argument" ? field(arg, "value") : arg;
      out.push(this.expr(value, frame));
    }
    return out;
  }

  private call(node: Node, frame: FlowFrame): Producer {
    const fn = field(node, "function");
    if (!fn) return null;
    const callee = this.calleeValue(fn, frame);
    if (isModule(callee)) return this.emitModule(callee, this.args(node, frame), frame.depth);
    if (
      isTagged<MethodValue>(callee, "method") &&
      isTagged<InstanceModule>(callee.self, "instance")
    ) {
      const cls = this.interp.index.classes.get(callee.self.className);
      const found = cls ? this.interp.findMethod(cls, callee.name) : null;
      if (found && frame.depth < maxDepth) {
        return this.walkFunction(
          found.node,
          callee.self,
          this.args(node, frame),
          frame.depth + 1,
        );
      }
    }
    const qualified = qualify(fn, this.interp.imports);
    const op = qualified ? functionalOp(qualified) : undefined;
    if (op) {
      this.args(node, frame);
      return this.emitOp(op, node, frame);
    }
    if (fn.type === "attribute" && !qualified) {
      const input = this.expr(field(fn, "object"), frame);
      const method = field(fn, "attribute")?.text ?? "";
      const args = this.args(node, frame);
      const methodOp =
        tensorMethodOp(method) ??
        (this.isFlatteningView(method, node, frame)
          ? { kind: "flatten" as const, base: method }
          : undefined);
      if (methodOp && input !== null)
        return this.emitOp(methodOp, node, frame, `Tensor.${method}`);
      return input ?? args.find((a) => a !== null) ?? null;
    }
    return this.args(node, frame).find((a) => a !== null) ?? null;
  }

  private calleeValue(fn: Node, frame: FlowFrame): Value {
    if (fn.type === "identifier" && frame.tensors.has(fn.text)) return UNKNOWN;
    if (fn.type !== "identifier" && fn.type !== "attribute" && fn.type !== "subscript")
      return UNKNOWN;
    return evaluate(fn, this.env(frame));
  }

  /** `x.view(x.size(0), -1)`, `x.reshape(-1, 320)`: two sizes, one of them -1. */
  private isFlatteningView(method: string, call: Node, frame: FlowFrame): boolean {
    if (method !== "view" && method !== "reshape") return false;
    const list = field(call, "arguments");
    const args = list ? named(list) : [];
    if (args.length !== 2) return false;
    return args.some((a) => asNumber(evaluate(a, this.env(frame))) === -1);
  }

  /** A functional node; `method` is set for tensor methods, whose input is not an argument. */
  private emitOp(op: FunctionalOp, node: Node, frame: FlowFrame, method?: string): Producer {
    const argOffset = method ? 0 : 1;
    const n = (this.counters.get(op.base) ?? 0) + 1;
    this.counters.set(op.base, n);
    const fnText = method ?? (field(node, "function")?.text ?? op.base).replace(/\s+/g, "");
    const layer: Layer = {
      id: `${op.base}@${n}`,
      name: `${op.base}@${n}`,
      kind: op.kind,
      op: fnText,
      inFeatures: null,
      outFeatures: null,
      hasBias: false,
      params: [],
      range: toRange(node),
    };
    if (op.norm) layer.norm = op.norm;
    if (op.activation) {
      layer.activation = { name: op.activation.name, spelled: fnText, range: toRange(node) };
      const p = op.activation.param;
      if (p) {
        const list = field(node, "arguments");
        const args = list ? named(list) : [];
        const kw = args.find(
          (a) => a.type === "keyword_argument" && field(a, "name")?.text === p.keyword,
        );
        const positional = args.filter((a) => a.type !== "keyword_argument")[
          p.index - 1 + argOffset
        ];
        const valueNode = kw?.childForFieldName("value") ?? positional ?? null;
        const value = valueNode ? asNumber(evaluate(valueNode, this.env(frame))) : p.default;
        if (value !== null) layer.activation[p.field] = value;
      }
    }
    return this.push(layer);
  }

  private add(a: Producer, b: Producer, node: Node, skip?: Producer): Producer {
    if (a === null || b === null) return a ?? b;
    const n = (this.counters.get("add") ?? 0) + 1;
    this.counters.set("add", n);
    const older =
      skip ?? ((this.position.get(a) ?? -1) <= (this.position.get(b) ?? -1) ? a : b);
    const layer: Layer = {
      id: `add@${n}`,
      name: `add@${n}`,
      kind: "add",
      op: "+",
      inFeatures: null,
      outFeatures: null,
      hasBias: false,
      params: [],
      range: toRange(node),
    };
    if (older !== "input") layer.addFrom = older;
    return this.push(layer);
  }

  private push(layer: Layer): string {
    this.position.set(layer.id, this.layers.length);
    this.layers.push(layer);
    return layer.id;
  }

  /** Emits a declared layer; a reused weightless layer (one `self.relu`) appears again. */
  emitLayer(layer: Layer): string {
    const used = this.uses.get(layer) ?? 0;
    this.uses.set(layer, used + 1);
    if (used === 0) return this.push(layer);
    if (layer.params.length > 0) return layer.id;
    return this.push({
      ...layer,
      id: `${layer.id}#${used + 1}`,
      name: `${layer.id}#${used + 1}`,
      repeatOf: layer.id,
    });
  }

  /** Emits what calling a module does: a layer, a Sequential's layers, a submodule's forward. */
  emitModule(m: ModuleValue, inputs: Producer[], depth: number): Producer {
    if (m.tag === "leaf") return this.emitLayer(m.layer);
    if (m.tag === "instance") return this.walkInstance(m, inputs, depth + 1);
    if (m.kind !== "sequential") return inputs[0] ?? null;
    let last: Producer = inputs[0] ?? null;
    for (const entry of m.entries) last = this.emitModule(entry.value, [last], depth + 1);
    return last;
  }
}
