/**
 * How `initlint check` walks folders: extensions, skipped folders, virtual environments,
 * .gitignore rules, and many files analysed on worker threads in deterministic order.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli";

const source = fs.readFileSync(
  path.join(repoRoot, "test-fixtures", "suppressions", "unused_suppression.py"),
  "utf8",
);
let tmp: string;

function write(relative: string, text = source): void {
  const file = path.join(tmp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function checkedPaths(cwd: string, args = ["."]): string[] {
  const result = runCli(["check", "--format", "json", ...args], cwd);
  return JSON.parse(result.stdout).files.map((f: { path: string }) => f.path);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-walk-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("folder walk", () => {
  it("skips dependency folders, virtual environments and gitignored paths", () => {
    fs.mkdirSync(path.join(tmp, "repo", ".git"), { recursive: true });
    write("repo/.gitignore", "# generated code\nbuild/\n*_gen.py\n!keep_gen.py\n/rooted.py\n");
    write("repo/pkg/.gitignore", "local/\n");
    write("repo/model.py");
    write("repo/web/model.ts", "export const x = 1;\n");
    write("repo/web/types.d.ts", "export type X = number;\n");
    write("repo/notes.txt", "not code\n");
    write("repo/rooted.py");
    write("repo/pkg/rooted.py");
    write("repo/pkg/layers_gen.py");
    write("repo/pkg/keep_gen.py");
    write("repo/pkg/local/scratch.py");
    write("repo/build/out.py");
    write("repo/node_modules/dep/index.js", "module.exports = 1;\n");
    write("repo/.venv/lib/site.py");
    write("repo/env/pyvenv.cfg", "home = /usr/bin\n");
    write("repo/env/lib/site.py");
    write("repo/pkg/__pycache__/model.py");

    expect(checkedPaths(path.join(tmp, "repo"))).toEqual([
      "model.py",
      "pkg/keep_gen.py",
      "pkg/rooted.py",
      "web/model.ts",
    ]);
  });

  it("reads a file named on the command line even when it would be ignored", () => {
    expect(checkedPaths(path.join(tmp, "repo"), ["build/out.py"])).toEqual(["build/out.py"]);
  });

  it("analyses many files on worker threads with the same results, in path order", () => {
    const names = Array.from(
      { length: 64 },
      (_, i) => `many/m${String(i).padStart(2, "0")}.py`,
    );
    for (const name of names) write(name);
    const result = runCli(["check", "--format", "json", "."], path.join(tmp, "many"));
    const files = JSON.parse(result.stdout).files as { path: string; diagnostics: unknown[] }[];
    expect(files.map((f) => f.path)).toEqual(names.map((n) => n.slice("many/".length)));
    const single = JSON.parse(
      runCli(["check", "--format", "json", names[0]!.slice(5)], path.join(tmp, "many")).stdout,
    ).files[0].diagnostics;
    expect(single.map((d: { code: string }) => d.code)).toEqual(["IL100"]);
    for (const file of files) expect(file.diagnostics).toEqual(single);
  });
});
