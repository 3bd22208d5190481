/** The Python fixture files under test-fixtures/, for tests that run over all of them. */
import * as fs from "node:fs";
import * as path from "node:path";

const fixtureRoot = path.join(__dirname, "..", "..", "test-fixtures");

function pythonFilesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pythonFilesIn(full);
    return entry.name.endsWith(".py") ? [full] : [];
  });
}

/** Every `.py` file under test-fixtures/, with its full path. */
export function pythonFixtures(): string[] {
  return pythonFilesIn(fixtureRoot);
}

/** Every `.py` file under `dir`, with its full path. */
export function pythonFilesUnder(dir: string): string[] {
  return pythonFilesIn(dir);
}
