import { beforeAll, it } from "vitest";
import * as fs from "node:fs";
import { execSync } from "node:child_process";
import { initPython } from "/work/main/server/src/frontends/python/parser";
import { analyze } from "/work/main/server/src/analysis/analyze";
import { defaultConfig } from "/work/main/server/src/config/effective";
beforeAll(async () => { await initPython(); });
it("corpus", () => {
  const files = execSync("find /tmp/corpus -name '*.py'").toString().trim().split("\n");
  const mine = /^IL0(0[4-9]|10|13)$/;
  let n = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    const r = analyze({ uri: "file://" + f, text, languageId: "python", config: defaultConfig() });
    for (const x of r.findings) if (mine.test(x.code)) { n++; console.log(`${f.replace("/tmp/corpus/", "")}:${x.range.start.line+1}:${x.range.start.character+1} ${x.code} ${x.severity} ${x.message.slice(0, 140)}`); }
    for (const note of r.file.notes) if (/IL0|facts|torch/.test(note)) console.log("NOTE", f, note.slice(0, 200));
  }
  console.log("TOTAL", n, "files", files.length);
}, 600000);
