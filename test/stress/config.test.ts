/**
 * Bad configuration of every kind, in pyproject.toml and initlint.json: malformed TOML and
 * JSON, wrong types, unknown keys, unknown rule codes, bad severities. Each gives exactly one
 * clear message naming the file and the key (or the line, when the file does not parse), and
 * the defaults apply: the CLI and the server then report what an unconfigured project gets.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfigText } from "../../server/src/config/config-file";
import { defaultConfig } from "../../server/src/config/effective";
import { mergeConfig } from "../../server/src/config/merge";
import type { BenchClient } from "../bench/lsp";
import { fixtures, root } from "./corpus";
import { diagnosticKey, startServer } from "./server-client";

/** One bad configuration: the file, its text, and what the one message must contain. */
interface BadConfig {
  kind: string;
  name: "pyproject.toml" | "initlint.json";
  text: string;
  /** The key the message names, or null when the file itself does not parse. */
  key: string | null;
  /** The line the message gives; null where a parser decides where it noticed the error. */
  line: number | null;
}

const bad: BadConfig[] = [
  {
    kind: "malformed TOML",
    name: "pyproject.toml",
    text: '[tool.initlint]\ndepth = 8\nselect = ["IL001"\n',
    key: null,
    line: null,
  },
  {
    kind: "a wrong type",
    name: "pyproject.toml",
    text: '[project]\nname = "zoo"\n\n[tool.initlint]\ndepth = "eight"\n',
    key: "depth",
    line: 5,
  },
  {
    kind: "a number out of range",
    name: "pyproject.toml",
    text: "[tool.initlint]\nratio = -3\n",
    key: "ratio",
    line: 2,
  },
  {
    kind: "an unknown key",
    name: "pyproject.toml",
    text: "[tool.initlint]\ndepht = 12\n",
    key: "depht",
    line: 2,
  },
  {
    kind: "an unknown rule code",
    name: "pyproject.toml",
    text: '[tool.initlint]\nignore = ["IL999"]\n',
    key: "ignore",
    line: 2,
  },
  {
    kind: "a malformed rule code",
    name: "pyproject.toml",
    text: '[tool.initlint]\nselect = ["E501"]\n',
    key: "select",
    line: 2,
  },
  {
    kind: "a bad severity",
    name: "pyproject.toml",
    text: '[tool.initlint.severity]\nIL001 = "fatal"\n',
    key: "severity.IL001",
    line: 2,
  },
  {
    kind: "a severity for an unknown rule",
    name: "pyproject.toml",
    text: '[tool.initlint.severity]\nIL999 = "error"\n',
    key: "severity.IL999",
    line: 2,
  },
  {
    kind: "bad JSON",
    name: "initlint.json",
    text: '{\n  "depth": 8,\n  "ratio": \n}\n',
    key: null,
    line: null,
  },
  {
    kind: "JSON that is not an object",
    name: "initlint.json",
    text: '["IL001"]\n',
    key: null,
    line: 1,
  },
  {
    kind: "a wrong type in JSON",
    name: "initlint.json",
    text: '{\n  "select": "IL001"\n}\n',
    key: "select",
    line: 2,
  },
  {
    kind: "a bad severity in JSON",
    name: "initlint.json",
    text: '{\n  "severity": { "IL013": "loud" }\n}\n',
    key: "severity.IL013",
    line: 2,
  },
];

const model = fixtures().find((f) => f.file.endsWith("pytorch/mlp_xavier_deep_relu.py"))!;
let base: string;

/** A project folder with `config` beside a copy of the model fixture. */
function project(
  index: number,
  config: BadConfig | null,
): { dir: string; configFile: string; model: string } {
  const dir = path.join(base, `project${index}`);
  fs.mkdirSync(path.join(dir, "models"), { recursive: true });
  const configFile = path.join(dir, config?.name ?? "none");
  if (config) fs.writeFileSync(configFile, config.text);
  const file = path.join(dir, "models", "net.py");
  fs.writeFileSync(file, model.text);
  return { dir, configFile, model: file };
}

function check(dir: string): { stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [path.join(root, "bin", "initlint.js"), "check", "--format", "json", dir],
    { encoding: "utf8" },
  );
  expect([0, 1]).toContain(run.status);
  return { stdout: run.stdout, stderr: run.stderr };
}

/** The findings of a `check --format json` run, without the file paths that differ. */
function findingsOf(stdout: string): unknown {
  const report = JSON.parse(stdout) as { files?: { findings: unknown[] }[] } | unknown[];
  const files = Array.isArray(report) ? report : (report.files ?? []);
  return (files as { findings: unknown[] }[]).map((f) => f.findings);
}

function expectOneClearMessage(messages: string[], config: BadConfig, file: string): void {
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain(`${file}:${config.line ?? ""}`);
  if (config.key) expect(messages[0]).toContain(config.key);
  else
    expect(messages[0]).toMatch(/:\d+: .*(invalid TOML|invalid JSON|expected a JSON object)/);
}

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-badconfig-"));
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

describe("bad configuration files", () => {
  for (const [index, config] of bad.entries()) {
    const title = `${config.kind} (${config.name})`;
    it(`${title}: one problem naming the file and key, defaults apply`, () => {
      const file = path.join(base, `parsed${index}`, config.name);
      const loaded = readConfigText(file, config.text);
      expectOneClearMessage(
        loaded.problems.map((p) => `${p.file}:${p.line}: ${p.key ?? ""} ${p.message}`),
        config,
        file,
      );
      expect(mergeConfig([loaded.layer])).toEqual(defaultConfig());
    });
  }

  it("initlint check prints one message per bad file and reports what the defaults give", () => {
    const clean = check(project(100, null).dir);
    for (const [index, config] of bad.entries()) {
      const { dir, configFile } = project(index, config);
      const run = check(dir);
      const lines = run.stderr.split("\n").filter((l) => l.includes(configFile));
      expectOneClearMessage(lines, config, configFile);
      expect(findingsOf(run.stdout)).toEqual(findingsOf(clean.stdout));
    }
  });
});

describe("bad configuration files in the server", () => {
  let client: BenchClient;
  beforeAll(async () => {
    client = await startServer(base);
  });
  afterAll(async () => {
    await client.stop();
  });

  it("shows one message per bad file, once, and publishes the defaults' diagnostics", async () => {
    const cleanUri = `file://${project(200, null).model}`;
    await client.open(cleanUri, model.text);
    const expected = (await client.diagnostics(cleanUri, 1)).map(diagnosticKey);
    expect(expected.length).toBeGreaterThan(0);

    for (const [index, config] of bad.entries()) {
      const { model: file, configFile } = project(300 + index, config);
      const uri = `file://${file}`;
      await client.open(uri, model.text);
      expect((await client.diagnostics(uri, 1)).map(diagnosticKey)).toEqual(expected);
      // A second edit must not repeat the message.
      await client.change(uri, 2, [{ text: `${model.text}\n` }]);
      await client.diagnostics(uri, 2);
      const shown = client.shown.map((m) => m.message).filter((m) => m.includes(configFile));
      expect(shown).toHaveLength(1);
      // The message names the file in its first line, then lists one line per problem.
      const lines = shown[0]!.split("\n").slice(1);
      expectOneClearMessage(lines, config, configFile);
    }
  });
});
