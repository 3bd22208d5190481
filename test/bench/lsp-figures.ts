/**
 * The latency figures measured over real LSP connections: full-document diagnostics after a
 * whole-text change, re-lint after a one-character edit, and server start to the first
 * diagnostics. The same functions drive initlint's server and pyright's.
 */
import { spawn } from "node:child_process";
import type { Range } from "vscode-languageserver-protocol";
import { BenchClient, type ServerSpec } from "./lsp";
import { since } from "./stats";

/** A document to measure, with its URI. */
export interface BenchDocument {
  uri: string;
  text: string;
}

async function openAndWait(client: BenchClient, doc: BenchDocument): Promise<void> {
  const first = client.diagnostics(doc.uri, 1);
  await client.open(doc.uri, doc.text);
  await first;
}

/**
 * Milliseconds from a whole-text didChange (what a client with full document sync sends on
 * every change) to the diagnostics of that version, `runs` times after `warmup` unrecorded
 * ones. Each run appends a different comment: the text is new, though most of it is what
 * the server already analysed.
 */
export async function fullDocumentLatencies(
  spec: ServerSpec,
  doc: BenchDocument,
  runs: number,
  warmup = 0,
): Promise<number[]> {
  const client = await BenchClient.start(spec);
  try {
    await openAndWait(client, doc);
    const samples: number[] = [];
    for (let version = 2; version < runs + warmup + 2; version++) {
      const text = `${doc.text}\n# revision ${version}\n`;
      const start = performance.now();
      const published = client.diagnostics(doc.uri, version);
      await client.change(doc.uri, version, [{ text }]);
      await published;
      if (version >= warmup + 2) samples.push(since(start));
    }
    return samples;
  } finally {
    await client.stop();
  }
}

/** The one-character edit used by the re-lint figure: where it goes and what it types. */
export interface CharEdit {
  line: number;
  character: number;
  char: string;
}

/** The range-edit pair of `edit`: typing the character, then deleting it again. */
export function typeAndDelete(edit: CharEdit): ChangePair {
  const at = { line: edit.line, character: edit.character };
  const after = { line: edit.line, character: edit.character + 1 };
  return [
    { range: { start: at, end: at }, text: edit.char },
    { range: { start: at, end: after }, text: "" },
  ];
}

/** A change and the change that undoes it, sent alternately by the edit figures. */
export type ChangePair = [{ range: Range; text: string }, { range: Range; text: string }];

/** The pair for a new line at the start of `line` (Enter there) and joining it back. */
export function newLineAndJoin(line: number): ChangePair {
  const at = { line, character: 0 };
  return [
    { range: { start: at, end: at }, text: "\n" },
    { range: { start: at, end: { line: line + 1, character: 0 } }, text: "" },
  ];
}

/**
 * Milliseconds from an incremental didChange to the diagnostics of that version, `runs`
 * times after `warmup` unrecorded ones (the first edits also compile the code paths an edit
 * takes); the two changes of `pair` alternate, so the text goes back and forth.
 */
export async function editLatencies(
  spec: ServerSpec,
  doc: BenchDocument,
  pair: ChangePair,
  runs: number,
  warmup = 0,
  afterOpen?: (client: BenchClient) => Promise<unknown>,
): Promise<number[]> {
  const client = await BenchClient.start(spec);
  try {
    await openAndWait(client, doc);
    await afterOpen?.(client);
    const samples: number[] = [];
    for (let version = 2; version < runs + warmup + 2; version++) {
      const change = pair[version % 2]!;
      const start = performance.now();
      const published = client.diagnostics(doc.uri, version);
      await client.change(doc.uri, version, [change]);
      await published;
      if (version >= warmup + 2) samples.push(since(start));
    }
    return samples;
  } finally {
    await client.stop();
  }
}

/** `editLatencies` for typing one character and deleting it again. */
export function oneCharEditLatencies(
  spec: ServerSpec,
  doc: BenchDocument,
  edit: CharEdit,
  runs: number,
  warmup = 0,
): Promise<number[]> {
  return editLatencies(spec, doc, typeAndDelete(edit), runs, warmup);
}

/**
 * `oneCharEditLatencies` once the server has finished its warm-up: the user opened the file
 * and read it before typing. Resolves with the samples and the server's warm-up log line.
 */
export async function editLatenciesAfterWarmup(
  spec: ServerSpec,
  doc: BenchDocument,
  edit: CharEdit,
  runs: number,
  warmup = 0,
): Promise<{ samples: number[]; line: string }> {
  let line = "";
  const waitForWarmup = async (client: BenchClient) => {
    line = await client.log((m) => m.startsWith("warm-up:"));
  };
  const samples = await editLatencies(
    spec,
    doc,
    typeAndDelete(edit),
    runs,
    warmup,
    waitForWarmup,
  );
  return { samples, line };
}

/**
 * Milliseconds from opening a document the server has never seen to its diagnostics, on one
 * started server, `runs` times (each under a new URI, so nothing is cached).
 */
export async function openLatencies(
  spec: ServerSpec,
  doc: BenchDocument,
  runs: number,
): Promise<number[]> {
  const client = await BenchClient.start(spec);
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const fresh = { uri: doc.uri.replace(/\.py$/, `_open${i}.py`), text: doc.text };
      const start = performance.now();
      await openAndWait(client, fresh);
      samples.push(since(start));
      await client.close(fresh.uri);
    }
    return samples;
  } finally {
    await client.stop();
  }
}

/** Milliseconds from spawning the server to the diagnostics of a document opened at once. */
export async function startToFirstDiagnostics(
  spec: ServerSpec,
  doc: BenchDocument,
): Promise<number> {
  const start = performance.now();
  const client = await BenchClient.start(spec);
  try {
    await openAndWait(client, doc);
    return since(start);
  } finally {
    await client.stop();
  }
}

/** Milliseconds of one answered request on a started server (the no-op LSP round trip). */
export async function roundTripLatencies(spec: ServerSpec, runs: number): Promise<number[]> {
  const client = await BenchClient.start(spec);
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await client.roundTrip().catch(() => null);
      samples.push(since(start));
    }
    return samples;
  } finally {
    await client.stop();
  }
}

/** Milliseconds for a bare Node.js process to start and exit: the floor of any server start. */
export function nodeStartMs(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve(since(start)));
  });
}
