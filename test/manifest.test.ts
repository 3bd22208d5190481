/**
 * package.json's `contributes.configuration` must match the one settings schema key for key:
 * same keys, types, defaults, scopes, enums, bounds and descriptions. The commands the client
 * registers must all be declared, in the "initlint" category.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { settingsSchema, severityValues } from "../server/src/config/schema";

const root = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration
  .properties;

describe("package.json configuration", () => {
  it("declares exactly the schema's keys", () => {
    const declared = Object.keys(properties).sort();
    const schemaKeys = Object.keys(settingsSchema)
      .map((k) => `initlint.${k}`)
      .sort();
    expect(declared).toEqual(schemaKeys);
  });

  for (const [key, spec] of Object.entries(settingsSchema)) {
    it(`initlint.${key} matches the schema`, () => {
      const entry = properties[`initlint.${key}`];
      expect(entry).toBeDefined();
      expect(entry?.type).toBe(spec.type);
      expect(entry?.default).toEqual(spec.default);
      expect(entry?.scope).toBe(spec.scope);
      expect(entry?.description).toBe(spec.description);
      expect(entry?.enum).toEqual("enum" in spec ? spec.enum : undefined);
      expect(entry?.minimum).toBe("minimum" in spec ? spec.minimum : undefined);
      expect(entry?.maximum).toBe("maximum" in spec ? spec.maximum : undefined);
    });
  }

  it("restricts severity overrides to the schema's values", () => {
    const severity = properties["initlint.rules.severity"];
    expect(severity?.additionalProperties).toEqual({
      type: "string",
      enum: [...severityValues],
    });
  });
});

describe("package.json commands", () => {
  const registered = fs
    .readFileSync(path.join(root, "client/src/commands.ts"), "utf8")
    .match(/register\("(initlint\.[A-Za-z]+)"/g)
    ?.map((m) => m.slice('register("'.length, -1))
    .sort();

  it("declares every command the client registers, in the initlint category", () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command);
    expect(registered).toEqual([...declared].sort());
    expect(registered).toContain("initlint.probeModelAtCursor");
    for (const command of manifest.contributes.commands) {
      expect(command.category).toBe("initlint");
    }
  });

  it("ships the grammar files it declares", () => {
    for (const grammar of manifest.contributes.grammars) {
      expect(fs.existsSync(path.join(root, grammar.path)), grammar.path).toBe(true);
    }
  });
});

describe("generated tables", () => {
  it("package.json and docs/vscode.md are what scripts/sync-manifest.mjs writes", () => {
    const script = path.join(root, "scripts/sync-manifest.mjs");
    const out = execFileSync("node", [script, "--check"], { encoding: "utf8" });
    expect(out).toContain("up to date");
    const docs = fs.readFileSync(path.join(root, "docs/vscode.md"), "utf8");
    expect(docs).toContain(
      "| `initlint.probe.backend` | `auto`, `gpu`, `node`, `wasm`, `cpu` |",
    );
  });
});
