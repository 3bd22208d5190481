#!/usr/bin/env node
// Entry point of the language server for any LSP client: `initlint-server --stdio`.
const usage = `usage: initlint-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Runs the initlint language server, speaking LSP over the given transport. An editor starts it;
see docs/vscode.md, "Neovim and other LSP editors".`;
const args = process.argv.slice(2);
const transport = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;
if (args.includes("--version")) {
  console.log(require("../package.json").version);
} else if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
} else if (!args.some((a) => transport.test(a))) {
  console.error(`initlint-server: no transport given\n${usage}`);
  process.exitCode = 2;
} else {
  require("../dist/server.js");
}
