/**
 * Headless Neovim as a second real LSP client: it runs `initlint-server --stdio`, opens a
 * model file and records the diagnostics it receives; they must be exactly what
 * `initlint check --format json` reports for the same file.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { outputDir, root, tools } from "./environment";

const run = promisify(execFile);
const severities = ["", "error", "warning", "information", "hint"];

interface Seen {
  code: string;
  severity: string;
  message: string;
  line: number;
  character: number;
}

interface LspDiagnostic {
  code?: string | number;
  severity?: number;
  message: string;
  source?: string;
  range: { start: { line: number; character: number } };
}

interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
}

function byPosition(a: Seen, b: Seen): number {
  return a.line - b.line || a.character - b.character || a.code.localeCompare(b.code);
}

async function neovimDiagnostics(file: string): Promise<LspDiagnostic[]> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "initlint-nvim-")), "diag.json");
  const script = path.join(root, "test/e2e/neovim/diagnostics.lua");
  await run(tools.neovim, ["--headless", "--clean", "-c", `luafile ${script}`], {
    env: {
      ...process.env,
      INITLINT_FILE: file,
      INITLINT_OUT: out,
      INITLINT_SERVER_CMD: JSON.stringify([
        "node",
        path.join(root, "bin/initlint-server.js"),
        "--stdio",
      ]),
      INITLINT_TIMEOUT_MS: "60000",
    },
    timeout: 90_000,
  });
  return JSON.parse(fs.readFileSync(out, "utf8")).diagnostics;
}

async function cliDiagnostics(file: string): Promise<CliDiagnostic[]> {
  const cli = path.join(root, "bin/initlint.js");
  // Exit status 1 only says that something at warning or above was found.
  const result = await run("node", [cli, "check", "--format", "json", file]).catch(
    (err: { code?: number; stdout?: string }) => {
      if (err.code === 1 && err.stdout) return { stdout: err.stdout };
      throw err;
    },
  );
  return JSON.parse(result.stdout).files[0]?.diagnostics ?? [];
}

describe("initlint-server in Neovim", () => {
  it("publishes the same diagnostics as initlint check", async () => {
    const file = path.join(root, "test/e2e/workspace/deep_mlp.py");
    const fromEditor = await neovimDiagnostics(file);
    const fromCli = await cliDiagnostics(file);
    fs.mkdirSync(outputDir, { recursive: true });
    fs.writeFileSync(
      path.join(outputDir, "neovim-diagnostics.json"),
      JSON.stringify(fromEditor, null, 2),
    );

    const editorSeen: Seen[] = fromEditor.map((d) => ({
      code: String(d.code),
      severity: severities[d.severity ?? 1] ?? "error",
      message: d.message,
      line: d.range.start.line,
      character: d.range.start.character,
    }));
    const cliSeen: Seen[] = fromCli.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      character: d.range.start.character,
    }));
    expect(editorSeen.sort(byPosition)).toEqual(cliSeen.sort(byPosition));
    expect(fromEditor.every((d) => d.source === "initlint")).toBe(true);
    expect(editorSeen.map((d) => d.code)).toContain("IL001");
  });
});
