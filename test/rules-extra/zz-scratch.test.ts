import { beforeAll, it } from "vitest";
import { initPython } from "/work/main/server/src/frontends/python/parser";
import { factsOf } from "/work/main/test/rules-extra/helpers";
import * as fs from "node:fs";
beforeAll(async () => {
  await initPython();
});
it("dump", () => {
  const text = fs.readFileSync(process.env.SRC!, "utf8");
  console.log(
    JSON.stringify(
      factsOf(text),
      (k, v) =>
        k === "range" || k === "nameRange" || k === "statementRange"
          ? `${v.start.line + 1}:${v.start.character + 1}`
          : v,
      1,
    ),
  );
});
