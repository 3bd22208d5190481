/**
 * Where the end-to-end tests find their tools, and whether this machine has them. The tools
 * come from scripts/ci-setup.sh: code-server under .cache/, Chromium and Neovim from Debian.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const root = path.resolve(__dirname, "../..");

/** Paths of the external programs the suite drives. */
export const tools = {
  codeServer: path.join(root, ".cache/code-server/node_modules/.bin/code-server"),
  chromium: "/usr/bin/chromium",
  neovim: "/usr/bin/nvim",
} as const;

/** The packaged extension that `npm run package` writes. */
export const vsixPath = path.join(root, "initlint.vsix");

/** Screenshots and logs of a run (gitignored). */
export const outputDir = path.join(root, "test-output/e2e");

/** Names of the tools this machine lacks. */
export function missingTools(): string[] {
  return Object.entries(tools)
    .filter(([, file]) => !fs.existsSync(file))
    .map(([name]) => name);
}
