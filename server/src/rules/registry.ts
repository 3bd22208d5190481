/**
 * Every rule, in code order. A rule file exports one `Rule`; adding a rule means adding it here,
 * its docs page under docs/rules/ and fixtures that fire and stay silent.
 */
import type { Rule } from "./types";

/** All rules initlint runs. */
export const rules: Rule[] = [];
