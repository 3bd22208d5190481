/**
 * Moving positions in reused data: lines map block by block, only `{ line, character }`
 * objects change, the input is never written, and blocks that changed order give no map.
 */
import { describe, expect, it } from "vitest";
import { blockLineMap, inPlace, placed, shiftPositions } from "../../server/src/model/shift";

describe("blockLineMap", () => {
  it("moves each line with the block starting at or above it", () => {
    // Blocks at 0, 10 and 20 now start at 0, 12 and 25.
    const map = blockLineMap([0, 10, 20], [0, 12, 25], [5, 5, 5])!;
    expect([0, 9, 10, 19, 20, 30].map(map)).toEqual([0, 9, 12, 21, 25, 35]);
  });

  it("reads blocks in their order in the file, whatever order they are listed in", () => {
    // Shared lines first, then the component's own: the second-listed block is above.
    const map = blockLineMap([40, 2], [41, 2], [3, 30])!;
    expect([2, 3, 39, 40, 45].map(map)).toEqual([2, 3, 39, 41, 46]);
  });

  it("gives lines above every block the first block's move", () => {
    expect(blockLineMap([5, 9], [7, 11], [2, 2])!(1)).toBe(3);
  });

  it("is null when touching blocks moved apart: their shared boundary means two things", () => {
    // Block 0 is lines 0-4; block 1 starts at line 5, right after it.
    expect(blockLineMap([0, 5], [0, 6], [5, 3])).toBeNull();
    expect(blockLineMap([0, 5], [1, 6], [5, 3])!(5)).toBe(6);
    // With a gap between them they may move apart.
    expect(blockLineMap([0, 6], [0, 7], [5, 3])!(5)).toBe(5);
  });

  it("is null when blocks changed order", () => {
    expect(blockLineMap([0, 10], [10, 0], [5, 5])).toBeNull();
    expect(blockLineMap([0, 10], [5, 5], [5, 5])).toBeNull();
  });
});

describe("shiftPositions", () => {
  const data = {
    range: { start: { line: 3, character: 4 }, end: { line: 5, character: 0 } },
    // Not positions: a line number with other keys, and numbers alone.
    other: { line: 3, character: 1, note: "kept" },
    shape: [3, 4],
    layers: [{ id: "fc", at: { line: 8, character: 2 } }],
    name: "Net",
    missing: null,
  };

  it("maps every position's line and nothing else", () => {
    const moved = shiftPositions(data, (line) => line + 10);
    expect(moved).toEqual({
      ...data,
      range: { start: { line: 13, character: 4 }, end: { line: 15, character: 0 } },
      layers: [{ id: "fc", at: { line: 18, character: 2 } }],
    });
  });

  it("copies instead of writing into the input", () => {
    const before = structuredClone(data);
    const moved = shiftPositions(data, (line) => line + 1);
    expect(data).toEqual(before);
    expect(moved.range).not.toBe(data.range);
    expect(moved.shape).not.toBe(data.shape);
  });
});

describe("placed", () => {
  it("is the value itself in place, a moved copy elsewhere, null out of order", () => {
    const value = { at: { line: 4, character: 0 } };
    expect(inPlace({ at: [1, 4], now: [1, 4], sizes: [1, 1] })).toBe(true);
    expect(placed(value, { at: [1, 4], now: [1, 4], sizes: [1, 1] })).toBe(value);
    expect(placed(value, { at: [1, 4], now: [1, 6], sizes: [1, 1] })).toEqual({
      at: { line: 6, character: 0 },
    });
    expect(placed(value, { at: [1, 4], now: [6, 1], sizes: [1, 1] })).toBeNull();
  });
});
