/**
 * V8 settings of the language server process.
 *
 * Allocation-site pretenuring is off. Opening a file builds a description of every
 * component and keeps it for the edits that follow, so V8 sees the objects of those
 * allocation sites survive and starts allocating them directly in the old generation. On
 * every later keystroke the edited component's new objects from the same sites are then born
 * old, and all the young objects they point to (the description, the text it was read from)
 * survive each minor collection until a full one: in a 2,000-line file about 90 KB per
 * keystroke, copied again at every minor collection, where 10 KB survive without
 * pretenuring (docs/benchmarks.md, "What survives a minor collection").
 *
 * Applied once the server's modules have loaded, before the first document arrives: a flag
 * changed at run time makes V8 refuse Node's cached compilations of its own modules, and
 * set first thing it added about 14 ms to start-up here.
 */
import * as v8 from "node:v8";

/** The flags, as a command line would pass them. */
export const serverV8Flags = ["--no-allocation-site-pretenuring"] as const;

/** Sets `serverV8Flags` in this process. */
export function applyServerV8Flags(): void {
  for (const flag of serverV8Flags) v8.setFlagsFromString(flag);
}
