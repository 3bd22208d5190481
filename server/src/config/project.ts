/**
 * Finds the project configuration that applies to a file: walking up from the file's folder,
 * the first folder with an initlint.json, or a pyproject.toml holding `[tool.initlint]`, wins
 * (initlint.json first when a folder has both). Results are cached until `invalidate()`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { mentionsInitlint, readConfigText, type ConfigFile } from "./config-file";

/** The file names that can hold initlint configuration, in the order checked per folder. */
export const configFileNames = ["initlint.json", "pyproject.toml"] as const;

function readIfPresent(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Loads a configuration file given explicitly (`--config`); throws when it cannot be read. */
export function loadConfigFile(file: string): ConfigFile {
  return readConfigText(file, fs.readFileSync(file, "utf8"));
}

/** Nearest-file lookup with a per-folder cache. */
export class ProjectConfigs {
  private readonly byFolder = new Map<string, ConfigFile | null>();

  /** The configuration file nearest to `file` (an absolute path), or null when none. */
  forFile(file: string): ConfigFile | null {
    return this.forFolder(path.dirname(path.resolve(file)));
  }

  /** Forgets everything read so far, after any configuration file changed. */
  invalidate(): void {
    this.byFolder.clear();
  }

  /** Every configuration file loaded so far, for reporting their problems. */
  loaded(): ConfigFile[] {
    const files = new Map<string, ConfigFile>();
    for (const config of this.byFolder.values()) if (config) files.set(config.path, config);
    return [...files.values()];
  }

  private forFolder(folder: string): ConfigFile | null {
    const cached = this.byFolder.get(folder);
    if (cached !== undefined) return cached;

    const found = this.inFolder(folder) ?? this.fromParent(folder);
    this.byFolder.set(folder, found);
    return found;
  }

  private fromParent(folder: string): ConfigFile | null {
    const parent = path.dirname(folder);
    return parent === folder ? null : this.forFolder(parent);
  }

  private inFolder(folder: string): ConfigFile | null {
    for (const name of configFileNames) {
      const file = path.join(folder, name);
      const text = readIfPresent(file);
      if (text === null) continue;
      if (name === "pyproject.toml" && !mentionsInitlint(text)) continue;
      const config = readConfigText(file, text);
      // A pyproject.toml that only mentions initlint elsewhere (a dependency list) is not ours.
      const empty = Object.keys(config.layer).length === 0 && config.problems.length === 0;
      if (name === "pyproject.toml" && empty && !hasInitlintTable(text)) continue;
      return config;
    }
    return null;
  }
}

function hasInitlintTable(text: string): boolean {
  return text.split(/\r?\n/).some((line) => /^\s*\[\s*tool\.initlint\b/.test(line));
}
