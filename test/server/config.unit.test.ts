/**
 * Configuration files and settings without a server: validation messages, where a bad key
 * is located in TOML and JSON, nearest-file lookup, and the precedence of the layers.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { formatProblem, readConfigText } from "../../server/src/config/config-file";
import { mergeConfig } from "../../server/src/config/merge";
import { ProjectConfigs } from "../../server/src/config/project";
import { ConfigService } from "../../server/src/config/workspace";
import { validateClientSettings } from "../../server/src/config/validate";

describe("config files", () => {
  it("locates bad keys in the main table and in [tool.initlint.severity]", () => {
    const text = [
      "[project]",
      'name = "demo"',
      "depth = 3",
      "",
      "[tool.initlint]",
      'select = ["IL0", "E501"]',
      "ratio = 20",
      "threshold = 5",
      "",
      "[tool.initlint.severity]",
      'IL001 = "error"',
      'IL013 = "loud"',
    ].join("\n");
    const config = readConfigText("/p/pyproject.toml", text);
    expect(config.problems.map(formatProblem)).toEqual([
      '/p/pyproject.toml:6: select: "E501" is not a rule code or prefix such as "IL001" or "IL0"',
      "/p/pyproject.toml:8: threshold: unknown key (known keys: select, ignore, severity, depth, ratio, large-model-params, probe-batch, probe-seed, input-shape)",
      '/p/pyproject.toml:12: severity.IL013: expected one of error, warning, information, hint, off, got "loud"',
    ]);
    expect(config.layer).toEqual({ "il001.ratio": 20, "rules.severity": { IL001: "error" } });
  });

  it("reads initlint.json, allowing $schema", () => {
    const text =
      '{\n  "$schema": "./schema.json",\n  "large-model-params": 2e9,\n  "ignore": "IL013"\n}';
    const config = readConfigText("/p/initlint.json", text);
    expect(config.layer).toEqual({ "il010.threshold": 2e9 });
    expect(config.problems.map(formatProblem)).toEqual([
      '/p/initlint.json:4: ignore: expected a list of rule codes, got "IL013"',
    ]);
  });

  it("finds the nearest file, skipping a pyproject.toml without an initlint table", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-near-"));
    try {
      fs.mkdirSync(path.join(root, "a", "b", "c"), { recursive: true });
      fs.writeFileSync(path.join(root, "initlint.json"), '{ "depth": 4 }');
      fs.writeFileSync(path.join(root, "a", "pyproject.toml"), "[tool.initlint]\ndepth = 5\n");
      fs.writeFileSync(path.join(root, "a", "b", "pyproject.toml"), '[project]\nname = "x"\n');
      const projects = new ProjectConfigs();
      const file = path.join(root, "a", "b", "c", "m.py");
      expect(projects.forFile(file)?.path).toBe(path.join(root, "a", "pyproject.toml"));
      expect(projects.forFile(path.join(root, "m.py"))?.layer).toEqual({ "il001.depth": 4 });

      fs.writeFileSync(path.join(root, "a", "b", "initlint.json"), '{ "depth": 6 }');
      expect(projects.forFile(file)?.layer).toEqual({ "il001.depth": 5 });
      projects.invalidate();
      expect(projects.forFile(file)?.layer).toEqual({ "il001.depth": 6 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("settings and precedence", () => {
  it("accepts nested and dotted client settings and reports bad ones", () => {
    const { layer, problems } = validateClientSettings({
      enable: true,
      rules: { select: ["il0"], severity: { IL001: "hint" } },
      "il001.depth": 12,
      probe: { backend: "tpu" },
      unrelated: { x: 1 },
    });
    expect(layer).toEqual({
      enable: true,
      "rules.select": ["IL0"],
      "rules.severity": { IL001: "hint" },
      "il001.depth": 12,
    });
    expect(problems).toEqual([
      {
        key: "initlint.probe.backend",
        message: 'expected one of auto, gpu, node, wasm, cpu, got "tpu"',
      },
    ]);
  });

  it("lets the project file win over client settings, key by key", () => {
    const client = { "il001.depth": 12, "il001.ratio": 50, "rules.ignore": ["IL013"] };
    const project = { "il001.depth": 4 };
    const config = mergeConfig([client, project]);
    expect(config.options).toMatchObject({ depth: 4, ratio: 50, largeModelParams: 1e9 });
    expect(config.ignore).toEqual(["IL013"]);
  });
});

describe("ConfigService", () => {
  it("hands out one configuration while its layers stay, and a new one when one changes", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-service-"));
    try {
      fs.writeFileSync(path.join(root, "initlint.json"), '{ "depth": 4 }');
      let depth = 3;
      const service = new ConfigService({
        fetchSettings: async () => ({ il001: { depth, ratio: 50 } }),
        report: () => undefined,
      });
      const uri = pathToFileURL(path.join(root, "m.py")).href;
      const first = await service.forDocument(uri);
      expect(first.config.options).toMatchObject({ depth: 4, ratio: 50 });
      // Rules key their caches on the configuration object: a keystroke must not renew it.
      expect(await service.forDocument(uri)).toBe(first);

      depth = 2;
      service.settingsChanged();
      const afterSettings = await service.forDocument(uri);
      expect(afterSettings).not.toBe(first);
      expect(afterSettings.config.options).toMatchObject({ depth: 4, ratio: 50 });

      fs.writeFileSync(path.join(root, "initlint.json"), '{ "ratio": 20 }');
      service.filesChanged();
      const afterFile = await service.forDocument(uri);
      expect(afterFile).not.toBe(afterSettings);
      expect(afterFile.config.options).toMatchObject({ depth: 2, ratio: 20 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
