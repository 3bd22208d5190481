/**
 * Configuration through the server: the nearest pyproject.toml or initlint.json, reloaded on
 * workspace/didChangeWatchedFiles or by the server's own watcher, client settings from
 * workspace/configuration, a bad file or setting reported once, and `run: onSave`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./lsp-client";

const fixture = path.join(
  __dirname,
  "..",
  "..",
  "test-fixtures",
  "suppressions",
  "unused_suppression.py",
);
const text = fs.readFileSync(fixture, "utf8");

let root: string;
let counter = 0;

/** A fresh project folder holding a copy of the fixture and the given config files. */
function project(files: Record<string, string>): { dir: string; uri: string } {
  counter++;
  const dir = path.join(root, `project${counter}`, "src", "models");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(root, `project${counter}`, name), content);
  }
  const file = path.join(dir, "mlp.py");
  fs.writeFileSync(file, text);
  return { dir: path.join(root, `project${counter}`), uri: pathToFileURL(file).href };
}

const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code);

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-config-"));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("project configuration", () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await TestClient.start();
  });
  afterAll(async () => {
    await client.stop();
  });

  it("reads [tool.initlint] from the nearest pyproject.toml and reloads it on change", async () => {
    const { dir, uri } = project({
      "pyproject.toml": '[project]\nname = "demo"\n\n[tool.initlint]\nignore = ["IL100"]\n',
    });
    await client.open(uri, text);
    expect(codes(await client.diagnostics(uri, 1))).toEqual([]);

    fs.writeFileSync(path.join(dir, "pyproject.toml"), '[project]\nname = "demo"\n');
    const next = client.nextDiagnostics(uri);
    const changed = pathToFileURL(path.join(dir, "pyproject.toml")).href;
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: changed, type: 2 }],
    });
    expect(codes(await next)).toEqual(["IL100"]);
  });

  it("lets an initlint.json override per-rule severity", async () => {
    const { uri } = project({
      "initlint.json": '{\n  "severity": { "IL100": "warning" }\n}\n',
    });
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([["IL100", 2]]);
  });

  it("reports a bad value once, with file, line and key, and uses the default for it", async () => {
    const config = '[tool.initlint]\nselect = ["IL0", "IL100"]\ndepth = "eight"\n';
    const { dir, uri } = project({ "pyproject.toml": config });
    const message = client.nextMessage();
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    // `select` still applies: IL100 is reported only because it is selected.
    expect(codes(diagnostics)).toEqual(["IL100"]);
    const shown = await message;
    expect(shown.type).toBe(2);
    expect(shown.message).toContain(`${path.join(dir, "pyproject.toml")}:3: depth:`);
    expect(shown.message).toContain('expected a number >= 1, got "eight"');

    const before = client.messages.length;
    await client.change(uri, 2, [{ text: `${text}\n` }]);
    await client.diagnostics(uri, 2);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: pathToFileURL(path.join(dir, "pyproject.toml")).href, type: 2 }],
    });
    await client.nextDiagnostics(uri);
    expect(client.messages.length).toBe(before);
  });

  it("reports malformed TOML with its line and falls back to the defaults", async () => {
    const { dir, uri } = project({ "pyproject.toml": '[tool.initlint]\nignore = ["IL100"\n' });
    const message = client.nextMessage();
    await client.open(uri, text);
    expect(codes(await client.diagnostics(uri, 1))).toEqual(["IL100"]);
    const shown = await message;
    expect(shown.message).toMatch(
      new RegExp(`${path.join(dir, "pyproject.toml")}:\\d+: invalid TOML`),
    );
  });

  it("reports malformed JSON with its line", async () => {
    const { dir, uri } = project({ "initlint.json": '{\n  "ignore": ["IL100"],\n  oops\n}\n' });
    const message = client.nextMessage();
    await client.open(uri, text);
    expect(codes(await client.diagnostics(uri, 1))).toEqual(["IL100"]);
    expect((await message).message).toContain(
      `${path.join(dir, "initlint.json")}:3: invalid JSON`,
    );
  });
});

describe("client settings", () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await TestClient.start({ settings: { rules: { ignore: ["IL100"] } } });
  });
  afterAll(async () => {
    await client.stop();
  });

  it("applies workspace/configuration and re-lints on didChangeConfiguration", async () => {
    const { uri } = project({});
    await client.open(uri, text);
    expect(codes(await client.diagnostics(uri, 1))).toEqual([]);

    client.settings = { rules: { severity: { IL100: "error" } } };
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: {},
    });
    expect((await next).map((d) => [d.code, d.severity])).toEqual([["IL100", 1]]);
  });

  it("reports an invalid setting once and ignores it", async () => {
    client.settings = { il001: { ratio: -3 } };
    const message = client.nextMessage();
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: {},
    });
    expect((await message).message).toContain(
      "initlint.il001.ratio: expected a number >= 1, got -3",
    );
  });

  it("lints on save only when run is onSave", async () => {
    client.settings = { run: "onSave" };
    const { uri } = project({});
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: {},
    });
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    await client.change(uri, 2, [{ text: `${text}\n` }]);
    await client.hover(uri, 0, 0);
    await client.change(uri, 3, [{ text: `${text}\n\n` }]);
    await client.save(uri);
    await client.diagnostics(uri, 3);
    expect(client.publishedVersions(uri)).toEqual([1, 3]);
  });
});

describe("watching without the client", () => {
  it("notices an edited config file through the server's own watcher", async () => {
    const client = await TestClient.start({ clientWatching: false });
    try {
      const { dir, uri } = project({ "initlint.json": '{ "ignore": ["IL100"] }\n' });
      await client.open(uri, text);
      expect(codes(await client.diagnostics(uri, 1))).toEqual([]);
      const next = client.nextDiagnostics(uri);
      fs.writeFileSync(path.join(dir, "initlint.json"), "{}\n");
      expect(codes(await next)).toEqual(["IL100"]);
    } finally {
      await client.stop();
    }
  });
});
