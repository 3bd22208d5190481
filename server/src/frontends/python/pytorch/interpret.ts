/**
 * Reads `__init__` bodies, the methods and functions they call, and module-level code the
 * way Python would run them, but only as far as the source pins values down: assignments
 * build the module tree, `if` takes a branch only when its condition is known, loops run
 * over known iterables, and init calls bind to the parameters they reach. Nothing the file
 * imports is ever run; unknown conditions and iterables skip their bodies.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { InitOrigin } from "../../../model/types";
import type { ImportTable } from "../imports";
import { type Budget, type EvalEnv, bindTarget, evaluate, iterate } from "./evaluate";
import { binaryInPlace } from "./operators";
import type { ClassInfo, FileIndex } from "./file-index";
import type { InitRead } from "./init-calls";
import { makeHooks } from "./hooks";
import { type InstanceModule, type ModuleValue, attach, isModule } from "./modules";
import { afterStatement, indentOf, named, field } from "./syntax";
import { type Obj, type Value, Scope, UNKNOWN, isTagged, truthy } from "./values";

/** A function or method defined in the file, as a value. */
export interface FunctionValue extends Obj {
  tag: "function";
  node: Node;
  /** Bound `self` for methods read through an instance. */
  self?: InstanceModule;
  cls?: ClassInfo;
}

/** The state of one function activation. */
export interface Frame {
  scope: Scope;
  self?: InstanceModule;
  /** The class whose method is running, for `super().__init__()`. */
  cls?: ClassInfo;
  origin: InitOrigin;
  depth: number;
  returned?: Value;
  /** Variables holding a `calculate_gain(...)` result, to the call node. */
  gains: Map<string, Node>;
}

type Signal = "return" | "break" | "continue" | undefined;

const maxCallDepth = 12;
const maxLoop = 512;

/** The interpreter for one file; owns the module scope and the facts it collects. */
export class Interpreter {
  readonly moduleScope = new Scope();
  readonly notes: string[] = [];
  readonly budget: Budget = { steps: 400_000 };
  /** What each init call (by node id) was seen to touch: a norm parameter or a bias. */
  readonly initTouches = new Map<number, "norm" | "bias">();
  /** The first reading of each init call (by node id) with its arguments evaluated in place. */
  readonly initReads = new Map<number, InitRead>();
  /** The layer and model each calculate_gain call (by node id) feeds. */
  readonly gainLinks = new Map<number, { layerId: string; modelId: string }>();
  /** The model whose description is running, for GainCall.modelId. */
  currentModel = "";
  /** Memoised answers to "is this class an nn.Module?". */
  readonly modelClasses = new Map<string, boolean>();
  /** Instances built per class and argument list; callers get copies. */
  readonly templates = new Map<string, InstanceModule>();
  /** Classes whose `__init__` is running, innermost last (guards recursion). */
  readonly describing: string[] = [];
  /** Class-level constants per class, evaluated on first use. */
  readonly classScopes = new Map<string, Scope>();
  readonly hooks = makeHooks(this);
  private nesting = 0;

  constructor(
    readonly index: FileIndex,
    readonly imports: ImportTable,
    readonly text: string,
  ) {}

  /** An evaluation environment over a frame's scope. */
  env(frame: Frame): EvalEnv {
    const { imports, hooks, budget } = this;
    return { scope: frame.scope, imports, hooks, budget, frame };
  }

  /** A fresh frame for module-level code or a function body. */
  frame(options: Partial<Frame> = {}): Frame {
    return {
      scope: new Scope(this.moduleScope),
      origin: "call",
      depth: 0,
      gains: new Map(),
      ...options,
    };
  }

  /** Runs the statements of a block. */
  execBlock(block: Node | null, frame: Frame): Signal {
    // Pathologically deep nesting is cut off instead of overflowing the stack.
    if (!block || this.nesting > 100) return undefined;
    this.nesting++;
    try {
      return this.execBody(block, frame);
    } finally {
      this.nesting--;
    }
  }

  private execBody(block: Node, frame: Frame): Signal {
    for (const statement of named(block)) {
      if (this.budget.steps <= 0) return "return";
      const signal = this.exec(statement, frame);
      if (signal) return signal;
    }
    return undefined;
  }

  /** Runs a list of statements (a class body's constants, the module's top level). */
  execStatements(statements: Node[], frame: Frame): void {
    for (const statement of statements) {
      if (this.budget.steps <= 0 || this.exec(statement, frame)) return;
    }
  }

  private exec(node: Node, frame: Frame): Signal {
    switch (node.type) {
      case "expression_statement":
        for (const child of named(node)) this.expression(child, node, frame);
        return undefined;
      case "if_statement":
        return this.ifStatement(node, frame);
      case "for_statement":
        return this.forStatement(node, frame);
      case "with_statement":
        return this.execBlock(field(node, "body"), frame);
      case "try_statement": {
        const signal = this.execBlock(field(node, "body"), frame);
        const final = named(node).find((c) => c.type === "finally_clause");
        const block = final ? named(final).find((c) => c.type === "block") : undefined;
        return signal ?? this.execBlock(block ?? null, frame);
      }
      case "return_statement": {
        const value = named(node)[0];
        frame.returned = value ? evaluate(value, this.env(frame)) : null;
        return "return";
      }
      case "break_statement":
        return "break";
      case "continue_statement":
        return "continue";
      case "function_definition":
      case "decorated_definition": {
        const fn = node.type === "function_definition" ? node : field(node, "definition");
        const name = fn?.childForFieldName("name")?.text;
        if (fn && name) frame.scope.set(name, { tag: "function", node: fn } as FunctionValue);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private expression(node: Node, statement: Node, frame: Frame): void {
    if (node.type === "assignment") {
      this.assignment(node, statement, frame);
    } else if (node.type === "augmented_assignment") {
      const left = field(node, "left");
      const op = field(node, "operator")?.text.replace("=", "") ?? "";
      const env = this.env(frame);
      const right = evaluate(field(node, "right"), env);
      if (left?.type === "identifier") {
        frame.scope.set(left.text, binaryInPlace(op, evaluate(left, env), right));
      }
    } else {
      evaluate(node, this.env(frame));
    }
  }

  private assignment(node: Node, statement: Node, frame: Frame): void {
    const targets: Node[] = [];
    let current: Node | null = node;
    while (current?.type === "assignment") {
      const left = field(current, "left");
      if (left) targets.push(left);
      current = field(current, "right");
    }
    if (!current) return;
    const value = evaluate(current, this.env(frame));
    const gain =
      current.type === "call" && current.text.includes("calculate_gain") ? current : null;
    for (const target of targets) {
      if (target.type === "attribute") this.setAttribute(target, value, statement, frame);
      else bindTarget(target, value, frame.scope);
      if (gain && target.type === "identifier") frame.gains.set(target.text, gain);
    }
  }

  private setAttribute(target: Node, value: Value, statement: Node, frame: Frame): void {
    const owner = evaluate(field(target, "object"), this.env(frame));
    const name = field(target, "attribute")?.text;
    if (!name || !isTagged<InstanceModule>(owner, "instance")) return;
    this.register(owner, name, value, statement);
  }

  /** Sets an attribute on an instance; a module value is attached under that name. */
  register(owner: InstanceModule, name: string, value: Value, statement: Node): void {
    owner.attrs.set(name, value);
    if (!isModule(value)) return;
    const insertInitAt = {
      position: afterStatement(statement),
      indent: indentOf(this.text, statement),
    };
    const id = owner.id === "" ? name : `${owner.id}.${name}`;
    attach(value, { id, access: `self.${id}`, insertInitAt, owner });
  }

  private ifStatement(node: Node, frame: Frame): Signal {
    const branches: { condition: Node | null; body: Node | null }[] = [
      { condition: field(node, "condition"), body: field(node, "consequence") },
    ];
    for (const alt of node.childrenForFieldName("alternative")) {
      if (!alt) continue;
      const condition = alt.type === "elif_clause" ? field(alt, "condition") : null;
      branches.push({ condition, body: field(alt, "consequence") ?? field(alt, "body") });
    }
    for (const branch of branches) {
      if (!branch.condition) return this.execBlock(branch.body, frame);
      const t = truthy(evaluate(branch.condition, this.env(frame)));
      if (t === undefined) return undefined;
      if (t) return this.execBlock(branch.body, frame);
    }
    return undefined;
  }

  private forStatement(node: Node, frame: Frame): Signal {
    const right = field(node, "right");
    const left = field(node, "left");
    const items = iterate(evaluate(right, this.env(frame)), this.env(frame));
    if (!items || !left) return undefined;
    const method = right?.type === "call" ? field(right, "function") : null;
    const called = method?.type === "attribute" ? field(method, "attribute")?.text : "";
    const walksModules = /^(named_)?(modules|parameters|children)$/.test(called ?? "");
    const inner: Frame = { ...frame, origin: walksModules ? "loop" : frame.origin };
    for (const item of items.slice(0, maxLoop)) {
      bindTarget(left, item, frame.scope);
      const signal = this.execBlock(field(node, "body"), inner);
      if (signal === "break") break;
      if (signal === "return") {
        frame.returned = inner.returned;
        return signal;
      }
    }
    return undefined;
  }

  /** Calls a function defined in the file with evaluated arguments; its return value. */
  callFunction(
    fn: FunctionValue,
    args: Value[],
    kwargs: Map<string, Value>,
    caller?: Frame,
  ): Value {
    const depth = (caller?.depth ?? 0) + 1;
    if (depth > maxCallDepth) return UNKNOWN;
    const frame = this.frame({
      depth,
      origin: caller?.origin ?? "call",
      ...(fn.self ? { self: fn.self } : {}),
      ...(fn.cls ? { cls: fn.cls } : {}),
    });
    const positional = fn.self ? [fn.self as Value, ...args] : args;
    this.bindParameters(fn.node, positional, kwargs, frame);
    this.execBlock(field(fn.node, "body"), frame);
    return frame.returned ?? null;
  }

  private bindParameters(
    fn: Node,
    args: Value[],
    kwargs: Map<string, Value>,
    frame: Frame,
  ): void {
    const params = field(fn, "parameters");
    let position = 0;
    let keywordOnly = false;
    for (const p of params ? named(params) : []) {
      if (p.type === "keyword_separator" || p.type === "list_splat_pattern") {
        keywordOnly = true;
        continue;
      }
      if (p.type === "dictionary_splat_pattern" || p.type === "positional_separator") continue;
      const nameNode = p.type === "identifier" ? p : (field(p, "name") ?? named(p)[0]);
      const name = nameNode?.text;
      if (!name) continue;
      const defaultNode = field(p, "value");
      let value: Value | undefined = kwargs.get(name);
      if (value === undefined && !keywordOnly && position < args.length) value = args[position];
      if (!keywordOnly) position++;
      if (value === undefined)
        value = defaultNode ? evaluate(defaultNode, this.env(this.frame())) : UNKNOWN;
      frame.scope.set(name, value);
    }
  }

  /** Runs `__init__` of a class (or the nearest base in the file that has one) on `self`. */
  runInit(
    cls: ClassInfo,
    self: InstanceModule,
    args: Value[],
    kwargs: Map<string, Value>,
    depth: number,
  ): void {
    const found = this.findMethod(cls, "__init__");
    if (!found) return;
    const fn: FunctionValue = { tag: "function", node: found.node, self, cls: found.cls };
    this.callFunction(fn, args, kwargs, this.frame({ depth }));
  }

  /** A method by name on a class or its bases defined in the file. */
  findMethod(cls: ClassInfo, name: string, depth = 0): { node: Node; cls: ClassInfo } | null {
    const own = cls.methods.get(name);
    if (own) return { node: own, cls };
    if (depth > 16) return null;
    for (const base of this.localBases(cls)) {
      const found = this.findMethod(base, name, depth + 1);
      if (found) return found;
    }
    return null;
  }

  /** Base classes of a class that are defined in the same file. */
  localBases(cls: ClassInfo): ClassInfo[] {
    return cls.bases
      .map((b) => (b.type === "identifier" ? this.index.classes.get(b.text) : undefined))
      .filter((b): b is ClassInfo => b !== undefined && b !== cls);
  }

  /** Attaches a module-level model value under its variable name. */
  attachTopLevel(name: string, value: ModuleValue, statement: Node): void {
    const insertInitAt = {
      position: afterStatement(statement),
      indent: indentOf(this.text, statement),
    };
    attach(value, { id: "", access: name, insertInitAt, owner: value });
  }
}
