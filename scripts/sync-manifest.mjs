// Writes package.json's `contributes` section: the `initlint.*` configuration generated from
// server/src/config/schema.ts (the one settings schema), plus the commands, menus, languages
// and grammars of the extension; and the settings and commands tables of docs/vscode.md and
// the README.
// `--check` only reports whether both are up to date.
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const manifestPath = path.join(root, "package.json");
// Every document that carries the generated tables between its start/end markers.
const docsPaths = [path.join(root, "docs/vscode.md"), path.join(root, "README.md")];

async function loadSchema() {
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["server/src/config/schema.ts"],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
  });
  const code = Buffer.from(out.outputFiles[0].contents).toString("base64");
  return import(`data:text/javascript;base64,${code}`);
}

function property(spec, severityValues) {
  const entry = { type: spec.type, default: spec.default, scope: spec.scope };
  if (spec.enum) entry.enum = [...spec.enum];
  if (spec.minimum !== undefined) entry.minimum = spec.minimum;
  if (spec.maximum !== undefined) entry.maximum = spec.maximum;
  if (spec.type === "array") entry.items = { type: "string" };
  if (spec.type === "object") {
    entry.additionalProperties = { type: "string", enum: [...severityValues] };
  }
  entry.description = spec.description;
  return entry;
}

const languages = ["python", "typescript", "javascript", "typescriptreact", "javascriptreact"];
const inModelFile = languages.map((l) => `editorLangId == ${l}`).join(" || ");

const commands = [
  ["initlint.probeModelAtCursor", "Probe Model at Cursor", "$(beaker)"],
  ["initlint.probeAllModels", "Probe All Models in File"],
  ["initlint.fixAll", "Fix All Initialization Problems"],
  ["initlint.showPlot", "Show Probe Plot", "$(graph-line)"],
  ["initlint.restartServer", "Restart Server"],
  ["initlint.showOutput", "Show Output"],
];
const editorOnly = new Set([
  "initlint.probeModelAtCursor",
  "initlint.probeAllModels",
  "initlint.fixAll",
]);

function contributes(schema) {
  const properties = {};
  for (const [key, spec] of Object.entries(schema.settingsSchema)) {
    properties[`initlint.${key}`] = property(spec, schema.severityValues);
  }
  const hostLanguages = [
    "source.python",
    "source.ts",
    "source.tsx",
    "source.js",
    "source.js.jsx",
  ];
  return {
    commands: commands.map(([command, title, icon]) => ({
      command,
      title,
      category: "initlint",
      ...(icon ? { icon } : {}),
    })),
    menus: {
      commandPalette: commands
        .filter(([command]) => editorOnly.has(command))
        .map(([command]) => ({ command, when: inModelFile })),
      "editor/context": [
        { command: "initlint.probeModelAtCursor", when: inModelFile, group: "initlint@1" },
        { command: "initlint.fixAll", when: inModelFile, group: "initlint@2" },
      ],
    },
    configuration: { title: "initlint", properties },
    languages: [
      {
        id: "initlint-report",
        aliases: ["initlint Report"],
        extensions: [".initlint-report"],
      },
    ],
    grammars: [
      {
        scopeName: "comment.directive.initlint.injection",
        path: "./syntaxes/initlint-directives.tmLanguage.json",
        injectTo: hostLanguages,
      },
      {
        language: "initlint-report",
        scopeName: "text.initlint-report",
        path: "./syntaxes/initlint-report.tmLanguage.json",
      },
    ],
  };
}

function cell(value) {
  return String(value).replaceAll("|", "\\|");
}

function settingsTable(schema) {
  const rows = Object.entries(schema.settingsSchema).map(([key, spec]) => {
    const values = spec.enum ? spec.enum.map((v) => `\`${v}\``).join(", ") : spec.type;
    const fallback = `\`${cell(JSON.stringify(spec.default))}\``;
    const cells = [
      `\`initlint.${key}\``,
      cell(values),
      fallback,
      spec.scope,
      cell(spec.description),
    ];
    return `| ${cells.join(" | ")} |`;
  });
  return [
    "| Setting | Values | Default | Scope | What it does |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function commandsTable() {
  const rows = commands.map(([command, title]) => `| initlint: ${title} | \`${command}\` |`);
  return ["| Command | Id |", "| --- | --- |", ...rows].join("\n");
}

function replaceBlock(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return text;
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

const schema = await loadSchema();
const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
const wanted = contributes(schema);
const docs = docsPaths.map((file) => {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const wantedText = replaceBlock(
    replaceBlock(text, "settings", settingsTable(schema)),
    "commands",
    commandsTable(),
  );
  return { file, text, wantedText };
});

if (process.argv.includes("--check")) {
  const same = JSON.stringify(manifest.contributes) === JSON.stringify(wanted);
  const stale = docs
    .filter((d) => d.text !== d.wantedText)
    .map((d) => path.relative(root, d.file));
  if (!same || stale.length > 0) {
    const what = [...(same ? [] : ["package.json"]), ...stale].join(", ");
    console.error(`sync-manifest: ${what} stale; run scripts/sync-manifest.mjs`);
    process.exit(1);
  }
  console.log("sync-manifest: package.json contributes and the docs tables are up to date");
} else {
  manifest.contributes = wanted;
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const d of docs) if (d.text) fs.writeFileSync(d.file, d.wantedText);
  console.log("sync-manifest: wrote package.json contributes and the docs tables");
}
