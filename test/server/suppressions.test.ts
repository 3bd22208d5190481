/**
 * Suppression comments on synthetic findings: which lines a directive covers, that `#` and
 * `//` inside strings, templates and regexes never count, IL100 for what silences nothing,
 * its fixes, and the configuration deciding what may be called unused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { applySuppressions } from "../../server/src/analysis/suppressions";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
import type { Finding } from "../../server/src/rules/types";
import { applyEdits } from "../helpers/edits";

function finding(code: string, line: number, character = 4): Finding {
  const start = { line, character };
  return {
    code,
    severity: "warning",
    message: `${code} at ${line}`,
    range: { start, end: { line, character: character + 3 } },
    fixes: [],
  };
}

const summary = (fs: Finding[]) =>
  fs.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`);

beforeAll(async () => {
  await initPython();
});

describe("Python", () => {
  it("covers its own line, and the next code line when alone on its line", () => {
    const text = [
      "x = layer(a)  # initlint: ignore[IL001]",
      "    # initlint: ignore[IL003, IL001]",
      "    # an explanation",
      "    y = layer(b)",
      "z = layer(c)  # initlint: ignore",
      "w = layer(d)",
    ].join("\n");
    const findings = [
      finding("IL001", 0),
      finding("IL003", 3),
      finding("IL001", 3),
      finding("IL002", 4),
      finding("IL001", 4),
      finding("IL001", 5),
    ];
    expect(summary(applySuppressions(findings, text, "python"))).toEqual(["IL001@5:4"]);
  });

  it("ignores directives inside strings and docstrings", () => {
    const text = [
      'log("# initlint: ignore[IL001]"); x = layer(a)',
      '"""',
      "# initlint: ignore",
      '"""',
      "y = layer(b)",
    ].join("\n");
    const findings = [finding("IL001", 0), finding("IL001", 4)];
    expect(summary(applySuppressions(findings, text, "python"))).toEqual([
      "IL001@0:4",
      "IL001@4:4",
    ]);
  });

  it("reports unused directives and codes, with fixes that remove just those", () => {
    const text = [
      "class M:",
      "    def f(self):",
      "        a = 1  # initlint: ignore[IL001]",
      "        # initlint: ignore[IL001, IL003]",
      "        b = 2",
      "        c = 3  # type: ignore  # initlint: ignore",
      "",
    ].join("\n");
    const result = applySuppressions([finding("IL003", 4, 8)], text, "python", {
      config: defaultConfig(),
    });
    expect(result.map((f) => [f.code, f.range.start, f.message])).toEqual([
      [
        "IL100",
        { line: 2, character: 15 },
        "Unused suppression: no IL001 finding here to silence.",
      ],
      [
        "IL100",
        { line: 3, character: 27 },
        "Unused suppression: no IL001 finding here to silence.",
      ],
      ["IL100", { line: 5, character: 31 }, "Unused suppression: no finding here to silence."],
    ]);
    // Each fix is computed on the original text and touches a different line.
    const all = applyEdits(
      text,
      result.flatMap((f) => f.fixes[0]!.edits),
    );
    expect(all.split("\n")).toEqual([
      "class M:",
      "    def f(self):",
      "        a = 1",
      "        # initlint: ignore[IL003]",
      "        b = 2",
      "        c = 3  # type: ignore",
      "",
    ]);
    expect(result.every((f) => f.fixes[0]!.safe && f.severity === "hint")).toBe(true);
  });

  it("does not call a code unused when the configuration turns it off", () => {
    const text = "x = 1  # initlint: ignore[IL001]\ny = 2  # initlint: ignore[IL003]\n";
    const config = { ...defaultConfig(), ignore: ["IL001"] };
    const result = applySuppressions([], text, "python", { config });
    expect(summary(result)).toEqual(["IL100@1:7"]);
    const off = { ...defaultConfig(), severity: { IL100: "off" as const } };
    expect(applySuppressions([], text, "python", { config: off })).toEqual([]);
  });
});

describe("TypeScript and JavaScript", () => {
  it("reads next-line and same-line directives in line and block comments", () => {
    const text = [
      "// initlint-disable-next-line IL001 -- measured",
      "model.add(a);",
      "model.add(b); // initlint-disable-line IL001, IL003",
      "/* initlint-disable-next-line */",
      "model.add(c);",
      "model.add(d);",
    ].join("\n");
    const findings = [
      finding("IL001", 1),
      finding("IL001", 2),
      finding("IL003", 2),
      finding("IL002", 4),
      finding("IL001", 5),
    ];
    expect(summary(applySuppressions(findings, text, "typescript"))).toEqual(["IL001@5:4"]);
  });

  it("is not fooled by strings, templates and regular expressions", () => {
    const text = [
      'const url = "http://x"; model.add(a); const s = "// initlint-disable-line IL001";',
      "const t = `${name} // initlint-disable-line IL001`; model.add(b);",
      "const r = /\\/\\/ initlint-disable-line IL001/; model.add(c);",
      "const u = `a${`b${1}`}c // initlint-disable-line`; model.add(d);",
      "model.add(e); // initlint-disable-line IL001",
    ].join("\n");
    const findings = [0, 1, 2, 3, 4].map((l) => finding("IL001", l));
    expect(summary(applySuppressions(findings, text, "javascript"))).toEqual([
      "IL001@0:4",
      "IL001@1:4",
      "IL001@2:4",
      "IL001@3:4",
    ]);
  });

  it("removes an unused directive line, or only its unused code", () => {
    const text = [
      "function build() {",
      "  // initlint-disable-next-line IL001",
      "  model.add(a);",
      "  model.add(b); // initlint-disable-line IL001, IL003",
      "}",
    ].join("\n");
    const result = applySuppressions([finding("IL003", 3)], text, "typescript");
    expect(result.map((f) => f.range.start)).toEqual([
      { line: 1, character: 5 },
      { line: 3, character: 41 },
    ]);
    const fixed = applyEdits(
      text,
      result.flatMap((f) => f.fixes[0]!.edits),
    );
    expect(fixed.split("\n")).toEqual([
      "function build() {",
      "  model.add(a);",
      "  model.add(b); // initlint-disable-line IL003",
      "}",
    ]);
  });
});
