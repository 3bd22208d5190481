// Bundles the client, server, CLI, probe worker and the TypeScript front end with esbuild and
// copies the wasm files the bundles load at run time next to them in dist/.
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dist = path.join(root, "dist");
fs.mkdirSync(dist, { recursive: true });

const entries = {
  client: "client/src/extension.ts",
  server: "server/src/server.ts",
  cli: "server/src/cli/main.ts",
  "probe-worker": "server/src/probe/worker.ts",
  bench: "test/bench/main.ts",
  "ts-frontend": "server/src/frontends/typescript/index.ts",
};

// The TypeScript compiler is most of the bundled code; parsing and compiling it at every start
// cost the server hundreds of milliseconds. It goes into dist/ts-frontend.js alone, and every
// other bundle reaches it through lazy.ts, replaced here by a module that requires that file
// on the first call (a TS/JS document or an initlint.json).
const lazyTypescript = {
  name: "lazy-typescript",
  setup(build) {
    build.onResolve({ filter: /^\.\/ts-frontend\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /[\\/]frontends[\\/]typescript[\\/]lazy\.ts$/ }, () => ({
      contents:
        "let loaded;\n" +
        "export function tsFrontend() {\n" +
        '  return (loaded ??= require("./ts-frontend.js"));\n' +
        "}\n",
      loader: "js",
    }));
  },
};

const present = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => fs.existsSync(path.join(root, file))),
);

await esbuild.build({
  absWorkingDir: root,
  entryPoints: present,
  outdir: dist,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  plugins: [lazyTypescript],
  // The GPU and native backends are optional and loaded by name at run time.
  external: ["vscode", "@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node", "playwright-core"],
  // web-tree-sitter's ES module reads import.meta.url, which a CommonJS bundle lacks.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
});

// The probe plot runs in a webview, a browser context: bundled separately, chart.js included.
const webview = "client/src/webview/plot.ts";
if (fs.existsSync(path.join(root, webview))) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { "plot-webview": webview },
    outdir: dist,
    bundle: true,
    platform: "browser",
    target: "es2022",
    format: "iife",
    minify: true,
    logLevel: "warning",
  });
}

const wasm = [
  "node_modules/web-tree-sitter/tree-sitter.wasm",
  "node_modules/tree-sitter-python/tree-sitter-python.wasm",
  "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm",
  "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
  "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm",
];
for (const file of wasm) {
  const from = path.join(root, file);
  if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dist, path.basename(file)));
}
