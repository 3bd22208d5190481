/**
 * The one place a rule's documentation address is computed from its code: the rule's page
 * `docs/rules/<CODE>.md` under the package root, as a file: URI, so it resolves both from a
 * checkout and from an installed extension.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

let root: string | undefined;

function isPackageRoot(dir: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    return manifest?.name === "initlint";
  } catch {
    return false;
  }
}

/** The directory holding initlint's package.json, found by walking up from this module. */
export function packageRoot(): string {
  if (root) return root;
  const start = typeof __dirname === "string" ? __dirname : process.cwd();
  let dir = start;
  for (;;) {
    if (isPackageRoot(dir)) return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) return (root = process.cwd());
    dir = parent;
  }
}

/** The file path of a rule's documentation page. */
export function docsPath(code: string): string {
  return path.join(packageRoot(), "docs", "rules", `${code.toUpperCase()}.md`);
}

const uris = new Map<string, string>();

/** The file: URI of a rule's documentation page, for `codeDescription.href` (every diagnostic). */
export function ruleDocsUri(code: string): string {
  let uri = uris.get(code);
  if (uri === undefined) uris.set(code, (uri = pathToFileURL(docsPath(code)).href));
  return uri;
}
