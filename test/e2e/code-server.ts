/**
 * Starts code-server on 127.0.0.1 with a fresh user-data and extensions folder, the packaged
 * .vsix installed and a workspace folder open, and stops it again. Nothing listens beyond
 * loopback and nothing outside the temporary folders is touched.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { tools } from "./environment";

const run = promisify(execFile);

/** A running code-server. */
export interface CodeServer {
  /** The workbench URL with the workspace folder open. */
  url: string;
  /** Scheme, host and port only. */
  origin: string;
  workspace: string;
  /** Everything code-server printed, for the failure report. */
  log: () => string;
  stop: () => Promise<void>;
}

/** Options of a code-server start. */
export interface CodeServerOptions {
  /** The packaged extension to install; absent for extension-development runs. */
  vsix?: string;
  /** Files copied into the workspace folder: target name to source path. */
  files: Record<string, string>;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
}

async function installExtension(dirs: { data: string; extensions: string }, vsix: string) {
  await run(tools.codeServer, [
    "--user-data-dir",
    dirs.data,
    "--extensions-dir",
    dirs.extensions,
    "--install-extension",
    vsix,
  ]);
}

function waitForListening(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(
        output.join(""),
      );
      if (match) resolve(match[1]!);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`code-server exited (${code}): ${output.join("")}`)),
    );
  });
}

/** Installs the extension into a fresh profile and starts code-server on a free port. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-e2e-"));
  const dirs = {
    data: path.join(base, "data"),
    extensions: path.join(base, "extensions"),
    workspace: path.join(base, "workspace"),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(options.files)) {
    fs.copyFileSync(source, path.join(dirs.workspace, name));
  }
  const userDir = path.join(dirs.data, "User");
  fs.mkdirSync(userDir, { recursive: true });
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "editor.inlayHints.enabled": "on",
    ...options.settings,
  };
  fs.writeFileSync(path.join(userDir, "settings.json"), JSON.stringify(settings, null, 2));

  if (options.vsix) await installExtension(dirs, options.vsix);

  const output: string[] = [];
  const child = spawn(
    tools.codeServer,
    [
      "--bind-addr",
      "127.0.0.1:0",
      "--auth",
      "none",
      "--user-data-dir",
      dirs.data,
      "--extensions-dir",
      dirs.extensions,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      dirs.workspace,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CS_DISABLE_FILE_DOWNLOADS: "1" },
    },
  );
  const url = await waitForListening(child, output);

  return {
    url: `${url}/?folder=${encodeURIComponent(dirs.workspace)}`,
    origin: url,
    workspace: dirs.workspace,
    log: () => output.join(""),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
