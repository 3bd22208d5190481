/**
 * V8 settings of the language server process, imported before anything else so they hold
 * from its first collection.
 *
 * Allocation-site pretenuring is off. Opening a file builds a description of every
 * component and keeps it for the edits that follow, so V8 sees the objects of those
 * allocation sites survive and starts allocating them directly in the old generation. On
 * every later keystroke the edited component's new objects from the same sites are then born
 * old, and all the young objects they point to (the description, the text it was read from)
 * survive each minor collection until a full one: in a 2,000-line file about 90 KB per
 * keystroke, copied again at every minor collection, where 10 KB survive without
 * pretenuring. The cost is one more copy of what an open keeps, paid once per open.
 */
import * as v8 from "node:v8";

v8.setFlagsFromString("--no-allocation-site-pretenuring");
