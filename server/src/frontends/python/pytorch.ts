/**
 * The PyTorch front end: finds `nn.Module` classes and module-level Sequentials, reads their
 * `__init__` (layers, shapes, init calls, `apply`, loops) with a bounded interpreter that
 * never runs user code, orders layers by `forward()` data flow, and records every `nn.init`
 * and `calculate_gain` call. Never throws: a failure becomes a note.
 */
import type { SyntaxNode as Node } from "./syntax-node";
import type { GainCall, InitCall, Model } from "../../model/types";
import type { Extraction, PythonContext } from "./context";
import type { ImportTable } from "./imports";
import { construct, isModelClass } from "./pytorch/construct";
import { indexFile } from "./pytorch/file-index";
import { gainCallFact, initCallFact } from "./pytorch/init-calls";
import { type FunctionValue, Interpreter } from "./pytorch/interpret";
import { classModel, sequentialModel } from "./pytorch/models";
import { type InstanceModule, isModule } from "./pytorch/modules";
import { named, resetSyntaxCache } from "./pytorch/syntax";
import { type Value, isTagged, qname } from "./pytorch/values";

/** Aliases a fix needs to write code in the file's own style. */
function aliases(imports: ImportTable): Record<string, string> {
  const local = (target: string, preferred: string): string | undefined => {
    const names = [...imports].filter(([, q]) => q === target).map(([n]) => n);
    return names.includes(preferred) ? preferred : names[0];
  };
  const facts: Record<string, string> = { nnAlias: local("torch.nn", "nn") ?? "torch.nn" };
  const init = local("torch.nn.init", "init");
  if (init) facts.initAlias = init;
  const functional = local("torch.nn.functional", "F");
  if (functional) facts.functionalAlias = functional;
  return facts;
}

function assignedName(statement: Node): { name: Node; right: Node } | null {
  const assignment =
    statement.type === "expression_statement" ? named(statement)[0] : undefined;
  if (assignment?.type !== "assignment") return null;
  const left = assignment.childForFieldName("left");
  const right = assignment.childForFieldName("right");
  return left?.type === "identifier" && right ? { name: left, right } : null;
}

function extract(ctx: PythonContext): Extraction {
  const index = indexFile(ctx.tree, ctx.imports);
  const interp = new Interpreter(index, ctx.imports, ctx.text);
  for (const name of index.classes.keys()) interp.moduleScope.set(name, qname(name));
  for (const [name, node] of index.functions) {
    interp.moduleScope.set(name, { tag: "function", node } as FunctionValue);
  }

  // Module-level code runs in order: constants, Sequentials, `netG = Generator(); netG.apply(fn)`.
  const topLevel = interp.frame({ scope: interp.moduleScope });
  const sequentials: Model[] = [];
  const instances = new Map<string, InstanceModule>();
  const seen = new Set<Value>();
  for (const statement of named(ctx.tree.rootNode)) {
    if (statement.type === "ERROR") continue;
    interp.execStatements([statement], topLevel);
    const assigned = assignedName(statement);
    const value = assigned ? interp.moduleScope.get(assigned.name.text) : undefined;
    if (!assigned || !isModule(value) || seen.has(value)) continue;
    seen.add(value);
    if (isTagged<InstanceModule>(value, "instance")) {
      if (!instances.has(value.className)) instances.set(value.className, value);
    } else {
      interp.attachTopLevel(assigned.name.text, value, statement);
      sequentials.push(sequentialModel(assigned.name, value, assigned.right));
    }
  }

  const models: Model[] = [];
  for (const cls of index.classes.values()) {
    if (!isModelClass(interp, cls)) continue;
    let instance = instances.get(cls.name);
    if (!instance) {
      const env = interp.env(topLevel);
      const made = construct(
        interp,
        {
          node: cls.node,
          callee: qname(cls.name),
          args: [],
          kwargs: new Map(),
          complete: true,
          env,
        },
        0,
      );
      if (!isTagged<InstanceModule>(made, "instance")) continue;
      instance = made;
    }
    interp.currentModel = cls.name;
    models.push(classModel(interp, cls, instance));
  }
  models.push(...sequentials);
  models.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );

  const env = interp.env(topLevel);
  const initCalls: InitCall[] = index.initCalls.map(({ node, name }) => {
    const fact = initCallFact(node, name, env, interp.initReads.get(node.id));
    const touched = interp.initTouches.get(node.id);
    if (!fact.targetIs1d && touched) fact.targetIs1d = touched;
    return fact;
  });
  const gainCalls: GainCall[] = [];
  for (const node of index.gainCalls) {
    const fact = gainCallFact(node, env);
    if (!fact) continue;
    const link = interp.gainLinks.get(node.id);
    if (link) Object.assign(fact, link);
    gainCalls.push(fact);
  }
  if (interp.budget.steps <= 0)
    interp.notes.push("pytorch: evaluation budget spent; the rest of the file is unread");
  return {
    models,
    initCalls,
    gainCalls,
    facts: { pytorch: aliases(ctx.imports) },
    notes: interp.notes,
  };
}

/** Extracts PyTorch models, init calls and gain calls from a parsed Python file. */
export function extractPytorch(ctx: PythonContext): Extraction {
  resetSyntaxCache();
  try {
    return extract(ctx);
  } catch (err) {
    // Odd text must never take the editor down; the rest of the pipeline still runs.
    return {
      models: [],
      initCalls: [],
      gainCalls: [],
      notes: [`pytorch: extraction failed: ${String(err)}`],
    };
  } finally {
    resetSyntaxCache();
  }
}
