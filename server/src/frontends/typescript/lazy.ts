/**
 * The one way the rest of initlint reaches code that needs the TypeScript compiler. Run from
 * source this is the front end itself; in the bundles scripts/build.mjs replaces this module
 * with one that requires dist/ts-frontend.js on the first call, so starting the server or
 * the CLI does not load (parse and compile) the compiler until a TS/JS document or an
 * initlint.json needs it.
 */
import * as frontend from "./index";

/** What the TypeScript bundle offers: see index.ts. */
export type TsFrontend = typeof frontend;

/** The TypeScript-backed front end, config reader and comment scanner. */
export function tsFrontend(): TsFrontend {
  return frontend;
}
