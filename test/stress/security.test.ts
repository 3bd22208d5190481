/**
 * The analysis and the probe never execute, import or evaluate user code. Model files whose
 * code would write marker files, start processes or read a secret if run are checked by
 * the CLI, opened in the server (traced with strace) and probed; afterwards no marker
 * exists, the traced server started no process, and it opened nothing outside the
 * workspace, its own installation and the system's runtime files.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
import { findWorker, runProbe } from "../../server/src/probe/client";
import { probeOptions } from "../../server/src/probe/options";
import { BenchClient } from "../bench/lsp";
import { root } from "./corpus";

/** strace is the real check of what the server opens and runs; CI images may lack it. */
const hasStrace = spawnSync("strace", ["-V"]).status === 0;

let base: string;
let workspace: string;
let outside: string;
let markers: string[];

function pythonModel(marker: (n: number) => string, secret: string): string {
  return `"""A classifier whose module code would write files and start processes if executed."""
import os
import subprocess

import torch
import torch.nn as nn

open("${marker(1)}", "w").write("written at import")
os.system("touch ${marker(2)}")
subprocess.run(["touch", "${marker(3)}"])
exec("open('${marker(4)}', 'w')")
WIDTH = int(open("${secret}").read())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        os.system("touch ${marker(5)}")
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 10)
        nn.init.xavier_uniform_(self.fc1.weight)
        __import__("os").system("touch ${marker(6)}")

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


net = Net()
`;
}

function scriptModel(marker: (n: number) => string, secret: string): string {
  return `// A TF.js model whose module code would write files and start processes if executed.
import * as tf from "@tensorflow/tfjs";
const cp = require("child_process");
cp.execSync("touch ${marker(7)}");
require("fs").writeFileSync("${marker(8)}", "x");
new Function("require('fs').writeFileSync('${marker(9)}', 'x')")();
const width = Number(require("fs").readFileSync("${secret}", "utf8"));

export const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputShape: [32], activation: "relu" }));
model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
`;
}

beforeAll(async () => {
  await initPython();
  base = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-security-"));
  workspace = path.join(base, "workspace");
  outside = path.join(base, "outside");
  fs.mkdirSync(workspace);
  fs.mkdirSync(outside);
  const secret = path.join(outside, "secret.txt");
  fs.writeFileSync(secret, "512");
  const marker = (n: number) => path.join(outside, `marker_${n}`);
  markers = Array.from({ length: 9 }, (_, i) => marker(i + 1));
  fs.writeFileSync(path.join(workspace, "net.py"), pythonModel(marker, secret));
  fs.writeFileSync(path.join(workspace, "net.ts"), scriptModel(marker, secret));
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

function presentMarkers(): string[] {
  return markers.filter((m) => fs.existsSync(m));
}

describe("nothing in a model file is ever executed", () => {
  it("initlint check analyses both files and runs none of their code", () => {
    const run = spawnSync(
      process.execPath,
      [path.join(root, "bin", "initlint.js"), "check", "--format", "json", workspace],
      { encoding: "utf8" },
    );
    expect(run.status === 0 || run.status === 1).toBe(true);
    expect(run.stdout).toContain("net.py");
    expect(presentMarkers()).toEqual([]);
  });

  it.skipIf(!hasStrace)(
    "the server, traced, runs no process and opens no file outside its own and the workspace's",
    async () => {
      const trace = path.join(base, "strace.log");
      const client = await BenchClient.start({
        command: "strace",
        args: [
          "-f",
          "-qq",
          "-e",
          "trace=openat,execve",
          "-o",
          trace,
          process.execPath,
          path.join(root, "dist", "server.js"),
          "--stdio",
        ],
        rootUri: `file://${workspace}`,
      });
      for (const [name, languageId] of [
        ["net.py", "python"],
        ["net.ts", "typescript"],
      ] as const) {
        const uri = `file://${path.join(workspace, name)}`;
        await client.open(uri, fs.readFileSync(path.join(workspace, name), "utf8"), languageId);
        const diagnostics = await client.diagnostics(uri, 1);
        if (languageId === "python") expect(diagnostics.map((d) => d.code)).toContain("IL001");
      }
      await client.stop();

      const lines = fs.readFileSync(trace, "utf8").split("\n");
      const execs = lines.filter((l) => /\bexecve\(/.test(l));
      expect(execs).toHaveLength(1);
      const opened = lines.flatMap((l) => {
        const match = /openat\([^"]*"([^"]+)"/.exec(l);
        return match && !/= -1 /.test(l) ? [match[1]!] : [];
      });
      const allowed = [
        root,
        workspace,
        "/proc/",
        "/sys/",
        "/dev/",
        "/etc/",
        "/usr/",
        "/lib",
        "/tmp/.",
        os.tmpdir(),
      ];
      const ancestorsConfig = (p: string) => /\/(initlint\.json|pyproject\.toml)$/.test(p);
      const unexpected = opened.filter(
        (p) =>
          p.startsWith(outside) ||
          (!allowed.some((a) => p.startsWith(a)) && !ancestorsConfig(p)),
      );
      expect(unexpected).toEqual([]);
      expect(opened.some((p) => p.startsWith(path.join(root, "dist")))).toBe(true);
      expect(presentMarkers()).toEqual([]);
    },
  );

  it("the probe measures the described model without running its code", async () => {
    const text = fs.readFileSync(path.join(workspace, "net.py"), "utf8");
    const { file } = analyze({
      uri: `file://${workspace}/net.py`,
      text,
      languageId: "python",
      config: defaultConfig(),
    });
    expect(file.models.map((m) => m.name)).toContain("Net");
    const outcome = await runProbe(file.models, probeOptions({ batch: 16 }), {
      workerPath: findWorker() ?? undefined,
      timeoutMs: 60_000,
      maxHeapMb: 512,
    });
    expect(outcome.ok).toBe(true);
    expect(presentMarkers()).toEqual([]);
  });

  it("the probe command, when built, runs none of the file's code", () => {
    const help = spawnSync(
      process.execPath,
      [path.join(root, "bin", "initlint.js"), "probe", "--help"],
      { encoding: "utf8" },
    );
    if (help.status !== 0) return;
    try {
      execFileSync(
        process.execPath,
        [
          path.join(root, "bin", "initlint.js"),
          "probe",
          path.join(workspace, "net.py"),
          "--format",
          "json",
        ],
        { encoding: "utf8", timeout: 120_000 },
      );
    } catch {
      // A probe that fails is still a probe that must not have run the code.
    }
    expect(presentMarkers()).toEqual([]);
  });
});
