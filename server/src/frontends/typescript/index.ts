/**
 * Placeholder until the TensorFlow.js front end lands: describes nothing.
 */
import type { FileDescription } from "../../model/types";

/** Describes a TypeScript or JavaScript file. */
export function describeScript(input: { uri: string; text: string; languageId: string }): FileDescription {
  return {
    uri: input.uri,
    language: input.languageId,
    frameworks: [],
    models: [],
    initCalls: [],
    gainCalls: [],
    facts: {},
    notes: [],
    syntaxErrors: [],
  };
}
