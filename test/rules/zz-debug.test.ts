import * as fs from "node:fs";
import { it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";

it("dump", async () => {
  await initPython();
  for (const file of (process.env.FIX ?? "").split(",").filter(Boolean)) {
    const text = fs.readFileSync(file, "utf8");
    const lang = file.endsWith(".py") ? "python" : file.endsWith(".js") ? "javascript" : "typescript";
    const r = analyze({ uri: `file://${file}`, text, languageId: lang, config: defaultConfig() });
    console.log("==", file);
    for (const f of r.findings) {
      console.log(`${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.severity} ${f.message}`);
      for (const x of f.fixes) console.log("   fix:", x.title, JSON.stringify(x.edits));
    }
    if (process.env.CALLS) console.log(JSON.stringify(r.file.initCalls.map((c) => [c.spelled, c.family, c.target, c.targetIs1d, c.range.start.line + 1]), null, 0));
    if (process.env.DESC) console.log(JSON.stringify(r.file.models.map((m) => ({ id: m.id, order: m.orderFromDataFlow, layers: m.layers.map((l) => [l.id, l.kind, l.activation?.name ?? l.fusedActivation?.name, l.params.map((p) => `${p.role}:${p.init.family}/${p.init.origin}`).join(" ")]) }))));
  }
});
