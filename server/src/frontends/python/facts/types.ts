/**
 * The syntactic facts about a PyTorch file that the rules on init code (IL004-IL013) read:
 * classes and functions with what they construct and initialise, uninitialised parameters,
 * ordered events per scope (pretrained loads, inits, constructions, moves), class-name
 * dispatch, seeds and script markers. Plain serialisable data with source ranges.
 */
import type { Range } from "../../../model/types";

/** Local names the file binds to torch modules, so fixes can spell calls the file's way. */
export interface TorchAliases {
  /** Name bound to `torch` (usually `torch`). */
  torch?: string;
  /** Name bound to `torch.nn` (usually `nn`). */
  nn?: string;
  /** Name bound to `torch.nn.init` (usually `init`). */
  init?: string;
}

/** Why a function counts as an init function, or null when it does not. */
export type InitFnReason = "name" | "body" | null;

/** A `def` at module level or in a class. */
export interface FunctionFact {
  name: string;
  /** The enclosing class for methods, null for module-level functions. */
  className: string | null;
  nameRange: Range;
  range: Range;
  /** Parameter names in order (`self` included for methods). */
  params: string[];
  /** `self.NAME` references in the body (called or passed on, as in `self.apply(self._init)`). */
  selfRefs: string[];
  initReason: InitFnReason;
  /** Types named in `isinstance(arg, T)` tests on a parameter, qualified when imported. */
  isinstanceTypes: string[];
  /** Every init in the body sits in an isinstance branch: the function is a pure filter. */
  filterOnly: boolean;
  /** Nested inside another function (a closure): never reported as unused. */
  nested: boolean;
}

/** A `class` statement. */
export interface ClassFact {
  name: string;
  range: Range;
  nameRange: Range;
  /** Base classes, qualified when imported (`torch.nn.Module`), else as written. */
  bases: string[];
  methods: string[];
  /**
   * Module types constructed anywhere in the class: qualified `torch.nn.X` names and in-file
   * class names. Calls the collector cannot classify set `unknownConstructs`.
   */
  constructs: string[];
  unknownConstructs: boolean;
  /** `self.attr = Callee(...)`: attribute to the constructed type, as in `constructs`. */
  attrTypes: Record<string, string>;
  /** Assigns `self.weight` or `self.bias` itself (a custom layer, not a container). */
  ownsWeight: boolean;
}

/** `nn.Parameter(torch.empty(...))` and the like: a parameter whose memory is never set. */
export interface UninitParam {
  className: string;
  method: string;
  attr: string;
  /** The uninitialised constructor call (`torch.empty(out, in)`). */
  range: Range;
  /** As written: `torch.empty`, `torch.Tensor`, `torch.FloatTensor`, `new_empty`. */
  ctor: string;
  /** Number of dimensions when the size arguments show it. */
  dims: number | null;
  /** The assignment statement, where a fix inserts the init line after. */
  statementRange: Range;
  indent: string;
}

/** What an init event does. */
export type InitKind = "call" | "inplace" | "assign" | "loop" | "apply" | "reset";

/** How a pretrained state reaches a module. */
export type LoadVia = "weights" | "pretrained" | "from_pretrained" | "load_state_dict";

/** One event in a scope, in source order. Targets are normalised access paths (`self.fc`). */
export interface ScopeEvent {
  /** `Class.method`, `function` or `<module>`. */
  scope: string;
  className: string | null;
  kind: "load" | "init" | "construct" | "move" | "toEmpty" | "selfCall";
  target: string;
  range: Range;
  initKind?: InitKind;
  via?: LoadVia;
  /** construct: the callee, qualified when imported, else as written. */
  callee?: string;
  /** construct: under the meta device, `init_empty_weights()`, `skip_init` or `deferred_init`. */
  deferred?: boolean;
  /** apply: the function passed, as written. */
  fn?: string;
}

/** `classname.find("Conv") != -1`, `"Conv" in classname` and the like. */
export interface ClassNameTest {
  substring: string;
  /** `find`, `in`: anywhere in the name; `startswith`: at its start. */
  mode: "contains" | "prefix";
  range: Range;
  functionName: string | null;
}

/** `hasattr(m, "bias")` guarding an init on `m.bias` with no `None` check. */
export interface HasattrBias {
  /** The `hasattr(...)` call. */
  range: Range;
  object: string;
  /** The init on `object.bias` it guards. */
  initRange: Range;
}

/** Seeds and what makes the file a training script. */
export interface ScriptFacts {
  mainGuard: Range | null;
  /** `loss.backward()`, `optimizer.step()`, `model.fit(...)`: the first one. */
  trainingStep: Range | null;
  /** Seed calls found anywhere, as written. */
  seeds: string[];
}

/** Everything the collector reports for one file. */
export interface TorchFacts {
  aliases: TorchAliases;
  classes: ClassFact[];
  functions: FunctionFact[];
  uninitParams: UninitParam[];
  events: ScopeEvent[];
  /** Method names called or referenced on anything other than `self` (`model.init_weights()`). */
  externalRefs: string[];
  /** Identifiers used anywhere outside their own `def` line, and string literal contents. */
  names: string[];
  classNameTests: ClassNameTest[];
  hasattrBias: HasattrBias[];
  /** Per-gate recurrent init: `orthogonal_` on a chunk or slice, for IL007. */
  chunkedOrthogonal: Range[];
  /** A forget-gate bias slice set (`bias[H:2*H].fill_(1)`), for IL007. */
  forgetBiasSet: Range[];
  script: ScriptFacts;
}
