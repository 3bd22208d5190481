// Extension-host tests, loaded by VS Code through the workbench URL's `extensionTestsPath`:
// they run inside the real extension host next to the extension under development, check
// what only the API can see, and write their results to initlint-ext-host.json in the
// workspace folder for the driving test to read (a web workbench has no exit code to give).
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");

const expectedCommands = [
  "initlint.probeModelAtCursor",
  "initlint.probeAllModels",
  "initlint.fixAll",
  "initlint.showPlot",
  "initlint.restartServer",
  "initlint.showOutput",
];

function waitForDiagnostics(uri, timeoutMs) {
  return new Promise((resolve) => {
    const done = (list) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(list);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === "initlint");
      if (list.length > 0) done(list);
    });
    const timer = setTimeout(() => done(vscode.languages.getDiagnostics(uri)), timeoutMs);
  });
}

async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const results = {};
  try {
    const extension = vscode.extensions.getExtension("initlint.initlint");
    results.found = extension !== undefined;
    const file = vscode.Uri.joinPath(folder, "deep_mlp.py");
    const diagnostics = waitForDiagnostics(file, 60_000);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    await extension.activate();
    results.active = extension.isActive;
    const all = await vscode.commands.getCommands(true);
    results.missingCommands = expectedCommands.filter((c) => !all.includes(c));
    results.diagnostics = (await diagnostics).map((d) => ({
      code: typeof d.code === "object" ? String(d.code.value) : String(d.code),
      href: typeof d.code === "object" ? d.code.target.toString() : null,
      line: d.range.start.line,
      source: d.source,
    }));
  } catch (err) {
    results.error = String(err && err.stack ? err.stack : err);
  }
  fs.writeFileSync(path.join(folder.fsPath, "initlint-ext-host.json"), JSON.stringify(results));
}

module.exports = { run };
