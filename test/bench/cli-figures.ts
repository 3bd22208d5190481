/**
 * Throughput figures over a folder of model files: `initlint check` as a user runs it, and
 * pyright's command line over the same folder. The CPU time of the child processes is read
 * with the shell's `times`, so the report shows how many cores the check kept busy.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { parsePython } from "../../server/src/frontends/python/parser";
import { since } from "./stats";

/** Wall and CPU time of one command run. */
export interface RunTimes {
  wallMs: number;
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function seconds(field: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(field.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Runs `node args...` under bash and reports wall time and the children's CPU time. */
export function timeNode(args: string[], cwd: string): Promise<RunTimes> {
  const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`);
  const script = `${quoted.join(" ")} >"$OUT" 2>"$ERR"; code=$?; times; exit $code`;
  const dir = fs.mkdtempSync(`${cwd}/.times-`);
  const out = `${dir}/out`;
  const err = `${dir}/err`;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], {
      cwd,
      env: { ...process.env, OUT: out, ERR: err },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let timesText = "";
    child.stdout.on("data", (chunk: Buffer) => (timesText += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const wallMs = since(start);
      // The second line of `times` holds the user and system time of the shell's children.
      const [user = "", system = ""] = (timesText.trim().split("\n")[1] ?? "").split(/\s+/);
      const result = {
        wallMs,
        cpuMs: (seconds(user) + seconds(system)) * 1000,
        code,
        stdout: fs.readFileSync(out, "utf8"),
        stderr: fs.readFileSync(err, "utf8"),
      };
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(result);
    });
  });
}

/** Files per second of a bare tree-sitter parse of `files` on this thread (one core). */
export function parseThroughput(files: string[]): number {
  const texts = files.map((f) => fs.readFileSync(f, "utf8"));
  const start = performance.now();
  for (const text of texts) parsePython(text).delete();
  return texts.length / (since(start) / 1000);
}
