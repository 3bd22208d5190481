import { it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
const cases: Record<string, () => string> = {
  parens: () =>
    "import torch.nn as nn\nx = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n",
  lists: () => "import torch.nn as nn\nx = " + "[".repeat(5000) + "]".repeat(5000) + "\n",
  binop: () => "import torch.nn as nn\nx = " + Array(20000).fill("1").join(" + ") + "\n",
  calls: () =>
    "import torch.nn as nn\nx = " +
    "nn.Sequential(".repeat(3000) +
    "nn.Linear(1,1)" +
    ")".repeat(3000) +
    "\n",
  attr: () => "import torch.nn as nn\nx = self" + ".a".repeat(20000) + "\n",
  ifs: () =>
    "import torch.nn as nn\n" +
    Array.from({ length: 300 }, (_, i) => " ".repeat(i) + "if x:\n").join("") +
    " ".repeat(300) +
    "pass\n",
  line1mb: () => "import torch.nn as nn\nx = '" + "a".repeat(1 << 20) + "'\n",
  binary: () =>
    Array.from({ length: 200000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(""),
  tsparens: () =>
    "import * as tf from '@tensorflow/tfjs';\nconst x = " +
    "(".repeat(5000) +
    "1" +
    ")".repeat(5000) +
    ";\n",
  tscalls: () =>
    "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(" +
    "tf.layers.dense(".repeat(2000) +
    "{units:1}" +
    ")".repeat(2000) +
    ");\n",
};
it("limits", async () => {
  await initPython();
  for (const [name, make] of Object.entries(cases)) {
    const text = make();
    const lang = name.startsWith("ts") ? "typescript" : "python";
    const t = performance.now();
    try {
      const r = analyze({ uri: "file:///x", text, languageId: lang, config: defaultConfig() });
      console.log(
        name,
        (performance.now() - t).toFixed(0),
        "ms",
        r.findings.length,
        r.file.notes.slice(0, 2),
      );
    } catch (e) {
      console.log(
        name,
        "THREW",
        String(e).slice(0, 200),
        (e as Error).stack?.split("\n").slice(1, 6).join("|"),
      );
    }
  }
});
