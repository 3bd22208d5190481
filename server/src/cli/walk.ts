/**
 * Finds the files `initlint check` reads: files named on the command line are always read;
 * folders are walked for Python, notebook and TS/JS files, skipping dependency, cache and
 * virtual-environment folders and whatever .gitignore files ignore. Output is sorted.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ancestorPatterns, isIgnored, readGitignore } from "./gitignore";

/** File extensions read, with the language each is analysed as. */
export const languageByExtension: Record<string, string> = {
  ".py": "python",
  ".ipynb": "notebook",
  ".ts": "typescript",
  ".tsx": "typescriptreact",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
};

const skippedFolders = new Set([
  "node_modules",
  ".git",
  "venv",
  ".venv",
  "__pycache__",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".ipynb_checkpoints",
]);

/** The language of a path by its extension, or undefined when initlint does not read it. */
export function languageOf(file: string): string | undefined {
  if (file.endsWith(".d.ts")) return undefined;
  return languageByExtension[path.extname(file).toLowerCase()];
}

function walkFolder(folder: string, patterns: ReturnType<typeof readGitignore>, out: string[]) {
  const here = [...patterns, ...readGitignore(folder)];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((e) => e.name === "pyvenv.cfg")) return;
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (skippedFolders.has(entry.name) || isIgnored(here, full, true)) continue;
      walkFolder(full, here, out);
    } else if (entry.isFile() && languageOf(entry.name) && !isIgnored(here, full, false)) {
      out.push(full);
    }
  }
}

/** Absolute paths of every file to check; throws for a path that does not exist. */
export function collectFiles(paths: string[]): string[] {
  const found = new Set<string>();
  for (const given of paths) {
    const full = path.resolve(given);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${given}: no such file or folder`);
    if (stat.isDirectory()) {
      const out: string[] = [];
      walkFolder(full, ancestorPatterns(full), out);
      out.forEach((f) => found.add(f));
    } else {
      found.add(full);
    }
  }
  return [...found].sort();
}
