/**
 * `initlint check` run as a process on the fixtures: text and JSON output, exit statuses
 * 0, 1 and 2, `--fix` on a temporary copy, `--config`, notebooks, and the description format.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli";

const fixtures = path.join(repoRoot, "test-fixtures");
const unused = "test-fixtures/suppressions/unused_suppression.py";
const deep = "test-fixtures/suppressions/deep_relu_suppressed.py";
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-cli-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("text output", () => {
  it("prints 1-based locations, severities and a summary; exits 1 on warnings", () => {
    const result = runCli(["check", deep, unused]);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(" [")[0])).toEqual([
      `${deep}:29:39: IL100`,
      `${deep}:37:13: IL001`,
      `${deep}:40:13: IL001`,
      `${unused}:22:9: IL100`,
      "Found 4 problems (0 errors, 2 warnings, 0 information, 2 hints) in 2 of 2 files.",
    ]);
    expect(lines[0]).toBe(
      `${deep}:29:39: IL100 [hint] Unused suppression: no IL008 finding here to silence.`,
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
  });

  it("exits 0 when only hints remain", () => {
    const result = runCli(["check", unused]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 problem (0 errors, 0 warnings, 0 information, 1 hint)");
  });
});

describe("JSON output", () => {
  it("follows the contract: 0-based ranges and fixes with edits", () => {
    const result = runCli(["check", "--format", "json", unused]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      files: [
        {
          path: unused,
          diagnostics: [
            {
              code: "IL100",
              severity: "hint",
              message: "Unused suppression: no IL001 finding here to silence.",
              range: { start: { line: 21, character: 8 }, end: { line: 21, character: 33 } },
              fixes: [
                {
                  title: "Remove unused suppression",
                  safe: true,
                  edits: [
                    {
                      range: {
                        start: { line: 21, character: 0 },
                        end: { line: 22, character: 0 },
                      },
                      newText: "",
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("locates notebook findings by cell, as the notebook fixtures expect", () => {
    const notebook = path.join(fixtures, "notebooks", "pytorch-mlp.ipynb");
    const expected = JSON.parse(
      fs.readFileSync(notebook.replace(/\.ipynb$/, ".expected.json"), "utf8"),
    ) as { cell: number; line: number; character: number; code: string; severity: string }[];
    const result = runCli(["check", "--format=json", notebook]);
    const file = JSON.parse(result.stdout).files[0];
    const got = file.diagnostics.map((d: Record<string, any>) => ({
      cell: d.cell,
      line: d.range.start.line,
      character: d.range.start.character,
      code: d.code,
      severity: d.severity,
    }));
    expect(got).toEqual(expected);
    expect(result.status).toBe(expected.some((e) => e.severity === "warning") ? 1 : 0);
  });

  it("prints the model description with --format description", () => {
    const result = runCli(["check", "--format", "description", deep]);
    const description = JSON.parse(result.stdout).files[0].description;
    expect(description.frameworks).toEqual(["pytorch"]);
    expect(description.models[0].name).toBe("DeepEncoder");
    const linear = description.models[0].layers.filter(
      (l: { kind: string }) => l.kind === "linear",
    );
    expect(linear).toHaveLength(10);
  });
});

describe("exit status 2", () => {
  it.each([
    [["check"], "check needs a PATH"],
    [
      ["check", "--format", "xml", unused],
      '--format must be one of text, json, description, not "xml"',
    ],
    [["check", "--bogus", unused], "unknown option --bogus"],
    [["check", "no/such/file.py"], "no/such/file.py: no such file or folder"],
    [["check", "--config", "missing.toml", unused], "--config missing.toml:"],
    [["frobnicate"], 'unknown command "frobnicate"'],
  ])("%j", (args, message) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });
});

describe("--fix", () => {
  it("applies safe fixes to a copy, writes it, and a second run is clean", () => {
    const copy = path.join(tmp, "mlp.py");
    fs.copyFileSync(path.join(repoRoot, unused), copy);
    const fixed = runCli(["check", "--fix", copy]);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout.trim()).toBe("No problems found in 1 file. Fixed 1 problem.");
    const text = fs.readFileSync(copy, "utf8");
    expect(text).not.toContain("initlint: ignore");
    expect(text).toContain('nn.init.kaiming_normal_(self.fc2.weight, nonlinearity="relu")');

    const again = runCli(["check", copy]);
    expect(again.stdout.trim()).toBe("No problems found in 1 file.");
  });

  it("rewrites only the safe part of a partly unused suppression", () => {
    const copy = path.join(tmp, "deep.py");
    fs.copyFileSync(path.join(repoRoot, deep), copy);
    runCli(["check", "--fix", copy]);
    const text = fs.readFileSync(copy, "utf8");
    expect(text).toContain("            # initlint: ignore[IL001]\n#");
    expect(text).not.toContain("IL008]");
  });
});

describe("configuration", () => {
  it("uses --config for every file", () => {
    const config = path.join(tmp, "strict.json");
    fs.writeFileSync(config, '{ "severity": { "IL100": "error" } }\n');
    const result = runCli(["check", "--config", config, unused]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${unused}:22:9: IL100 [error]`);
  });

  it("reads the nearest pyproject.toml and reports a bad key once on stderr", () => {
    const project = path.join(tmp, "proj");
    fs.mkdirSync(path.join(project, "a"), { recursive: true });
    fs.mkdirSync(path.join(project, "b"), { recursive: true });
    fs.writeFileSync(
      path.join(project, "pyproject.toml"),
      '[tool.initlint]\nignore = ["IL100"]\nratio = 0\n',
    );
    fs.copyFileSync(path.join(repoRoot, unused), path.join(project, "a", "one.py"));
    fs.copyFileSync(path.join(repoRoot, unused), path.join(project, "b", "two.py"));
    const result = runCli(["check", "."], project);
    expect(result.stdout.trim()).toBe("No problems found in 2 files.");
    expect(result.stderr.trim().split("\n")).toEqual([
      `initlint: ${path.join(project, "pyproject.toml")}:3: ratio: expected a number >= 1, got 0 (default used)`,
    ]);
  });
});

describe("help and version", () => {
  it("prints usage and the package version", () => {
    const version = JSON.parse(
      fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"),
    ).version;
    expect(runCli(["--version"]).stdout.trim()).toBe(version);
    expect(runCli(["--help"]).stdout).toContain("check PATH...");
    expect(runCli(["check", "--help"]).stdout).toContain("--format text|json|description");
  });

  it("lists the rules, IL100 included", () => {
    const result = runCli(["rules"]);
    expect(result.stdout).toMatch(/^IL100 {2}unused-suppression +hint +fix {2}A suppression/m);
    const json = JSON.parse(runCli(["rules", "--format", "json"]).stdout);
    const il100 = json.rules.find((r: { code: string }) => r.code === "IL100");
    expect(il100.docs).toMatch(/docs\/rules\/IL100\.md$/);
  });
});
