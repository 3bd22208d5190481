/**
 * GPT-style input stages: a token embedding and a learned position embedding whose outputs
 * are summed (`wte(idx) + wpe(pos)`). The description lists the two embeddings and then an
 * add joining them; the probe runs the position table on the ids 0..T-1 as a side branch of
 * the token lookup, and the add joins the two.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "../model/types";
import { embeddingRows, type PlanRow } from "./plan";

/** Row indices of an input stage: the token lookup, the position lookup and their add. */
export interface PositionStage {
  token: number;
  position: number;
  add: number;
}

// The description does not say which lookup receives the token ids; names decide, and
// otherwise the one written first is the token table (as `wte(idx) + wpe(pos)` is written).
const positionName = /(^|[._])(wpe|pos|position)/i;

function isPositionTable(layer: Layer): boolean {
  return positionName.test(layer.name);
}

/**
 * Finds the stage: two embedding rows followed by an add whose residual source is one of
 * them. Returns null when the model has no such pair.
 */
export function findPositionStage(rows: PlanRow[]): PositionStage | null {
  for (let k = 0; k + 2 < rows.length; k++) {
    const [a, b, join] = [rows[k]!.layer, rows[k + 1]!.layer, rows[k + 2]!.layer];
    if (a.kind !== "embedding" || b.kind !== "embedding" || join.kind !== "add") continue;
    if (join.addFrom !== a.id && join.addFrom !== b.id) continue;
    const firstIsPosition = isPositionTable(a) && !isPositionTable(b);
    return firstIsPosition
      ? { token: k + 1, position: k, add: k + 2 }
      : { token: k, position: k + 1, add: k + 2 };
  }
  return null;
}

/**
 * The position ids 0..T-1 for every sample, as int32 [batch, T]. Throws a readable Error
 * when the sequence is longer than the table. Only the drawn rows exist (they are
 * exchangeable at init), so a position past them reuses one.
 */
export function positionIds(layer: Layer, batch: number, steps: number): tf.Tensor {
  const table = layer.numEmbeddings ?? null;
  if (table !== null && steps > table) {
    throw new Error(
      `the sequence of ${steps} tokens is longer than the position table (${table} rows)`,
    );
  }
  const rows = embeddingRows(layer);
  const values = new Int32Array(batch * steps);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < steps; i++) values[b * steps + i] = i % rows;
  }
  return tf.tensor2d(values, [batch, steps], "int32");
}
