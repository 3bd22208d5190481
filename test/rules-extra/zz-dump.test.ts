import { beforeAll, it } from "vitest";
import * as fs from "node:fs";
import { initPython } from "/work/main/server/src/frontends/python/parser";
import { analyze } from "/work/main/server/src/analysis/analyze";
import { defaultConfig } from "/work/main/server/src/config/effective";
beforeAll(async () => {
  await initPython();
});
it("dump", () => {
  for (const f of process.env.SRC!.split(",")) {
    const text = fs.readFileSync(f, "utf8");
    const lang = f.endsWith(".py") ? "python" : f.endsWith(".js") ? "javascript" : "typescript";
    const r = analyze({ uri: "file://" + f, text, languageId: lang, config: defaultConfig() });
    if (process.env.DESC)
      console.log(
        JSON.stringify(
          r.file.models.map((m) => ({
            name: m.name,
            layers: m.layers.map((l) => ({
              id: l.id,
              kind: l.kind,
              hidden: l.hiddenSize,
              ufb: l.unitForgetBias,
              in: l.inFeatures,
              out: l.outFeatures,
              params: l.params.map(
                (p) =>
                  `${p.name}:${JSON.stringify(p.shape)}:${p.init.family}:${p.init.origin}:${JSON.stringify(p.init.args)}`,
              ),
            })),
          })),
          null,
          1,
        ),
      );
    for (const x of r.findings)
      console.log(
        `${f.split("/").pop()}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.code} ${x.severity} ${x.message}` +
          x.fixes.map((fx) => `\n   FIX ${fx.title} ${JSON.stringify(fx.edits)}`).join(""),
      );
    if (r.file.notes.length) console.log("NOTES", r.file.notes);
  }
});
