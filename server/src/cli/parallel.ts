/**
 * Checks many files across CPU cores with worker threads. The workers run this same bundle
 * (`__filename`), detected by `isMainThread`; jobs are handed out one at a time as workers
 * finish, and reports are returned in job order so output stays deterministic.
 */
import * as os from "node:os";
import { parentPort, Worker } from "node:worker_threads";
import { initPython } from "../frontends/python/parser";
import { checkFile, type FileJob, type FileReport } from "./file-report";

/** Below this many files one thread is faster than starting workers. */
export const parallelThreshold = 50;

type ToWorker = { index: number; job: FileJob };
type FromWorker = { index: number; report: FileReport };

/** The worker side: answer jobs until the port closes. */
export async function runWorker(): Promise<void> {
  await initPython();
  parentPort!.on("message", (message: ToWorker) => {
    const reply: FromWorker = { index: message.index, report: checkFile(message.job) };
    parentPort!.postMessage(reply);
  });
}

/** The number of worker threads for `files` jobs (at least 2 cores and enough files). */
export function workerCount(files: number): number {
  const cores =
    typeof os.availableParallelism === "function"
      ? os.availableParallelism()
      : os.cpus().length;
  if (files <= parallelThreshold || cores < 2) return 0;
  return Math.min(cores, 8, Math.ceil(files / parallelThreshold));
}

/** Checks the jobs on `count` worker threads; reports come back in job order. */
export function checkInWorkers(jobs: FileJob[], count: number): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const reports: FileReport[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    const workers: Worker[] = [];

    const feed = (worker: Worker) => {
      if (next < jobs.length) {
        const message: ToWorker = { index: next, job: jobs[next]! };
        next++;
        worker.postMessage(message);
      }
    };
    const finish = () => {
      for (const worker of workers) void worker.terminate();
      resolve(reports);
    };

    for (let i = 0; i < count; i++) {
      const worker = new Worker(__filename);
      workers.push(worker);
      worker.on("message", (message: FromWorker) => {
        reports[message.index] = message.report;
        done++;
        if (done === jobs.length) finish();
        else feed(worker);
      });
      worker.on("error", (err) => {
        for (const w of workers) void w.terminate();
        reject(err);
      });
      feed(worker);
    }
  });
}
