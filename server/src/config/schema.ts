/**
 * The one settings schema, with its defaults. VS Code settings (`initlint.*`), the
 * `[tool.initlint]` table of pyproject.toml and `initlint.json` all use these keys;
 * package.json's `contributes.configuration` is checked against this list by a test.
 */

/** Severity override values a user may write per rule. */
export const severityValues = ["error", "warning", "information", "hint", "off"] as const;
export type SeverityOverride = (typeof severityValues)[number];

/** A setting's declaration: its type, default, scope in VS Code and a description. */
export interface SettingSpec {
  type: "boolean" | "number" | "string" | "array" | "object";
  default: unknown;
  scope: "resource" | "window" | "machine-overridable";
  description: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** Also accepted in project config files (pyproject.toml, initlint.json) under `key`. */
  projectKey?: string;
}

/** Every `initlint.*` setting. */
export const settingsSchema = {
  enable: {
    type: "boolean",
    default: true,
    scope: "resource",
    description: "Lint model files for weight-initialization problems.",
  },
  run: {
    type: "string",
    default: "onType",
    enum: ["onType", "onSave"],
    scope: "resource",
    description: "Lint as you type or only when the file is saved.",
  },
  "rules.select": {
    type: "array",
    default: [],
    scope: "resource",
    description: "Rule codes or prefixes to enable (empty: all rules).",
    projectKey: "select",
  },
  "rules.ignore": {
    type: "array",
    default: [],
    scope: "resource",
    description: "Rule codes or prefixes to turn off.",
    projectKey: "ignore",
  },
  "rules.severity": {
    type: "object",
    default: {},
    scope: "resource",
    description: 'Per-rule severity overrides, e.g. {"IL001": "error", "IL013": "off"}.',
    projectKey: "severity",
  },
  "il001.depth": {
    type: "number",
    default: 8,
    minimum: 1,
    scope: "resource",
    description:
      "IL001: consecutive un-normalised weighted layers before a mismatch is a warning.",
    projectKey: "depth",
  },
  "il001.ratio": {
    type: "number",
    default: 10,
    minimum: 1,
    scope: "resource",
    description:
      "IL001: predicted variance ratio over the stack that makes a mismatch a warning.",
    projectKey: "ratio",
  },
  "il010.threshold": {
    type: "number",
    default: 1e9,
    minimum: 0,
    scope: "resource",
    description: "IL010: parameter count above which eager construction is flagged.",
    projectKey: "large-model-params",
  },
  "probe.batchSize": {
    type: "number",
    default: 256,
    minimum: 2,
    maximum: 65536,
    scope: "resource",
    description: "Probe: number of standard-normal samples pushed through the model.",
    projectKey: "probe-batch",
  },
  "probe.seed": {
    type: "number",
    default: 0,
    scope: "resource",
    description: "Probe: seed for weights and inputs; the same seed gives the same numbers.",
    projectKey: "probe-seed",
  },
  "probe.backend": {
    type: "string",
    default: "auto",
    enum: ["auto", "gpu", "node", "wasm", "cpu"],
    scope: "machine-overridable",
    description: "Probe: TensorFlow.js backend; auto picks the best one that loads.",
  },
  "probe.inputShape": {
    type: "string",
    default: "",
    scope: "resource",
    description:
      'Probe: input shape without the batch, e.g. "(3, 224, 224)", when the model does not say.',
    projectKey: "input-shape",
  },
  "probe.memoryBudgetMB": {
    type: "number",
    default: 512,
    minimum: 16,
    scope: "machine-overridable",
    description:
      "Probe: memory for one layer's weights; wider layers are sampled by output unit.",
  },
  "probe.timeBudgetSeconds": {
    type: "number",
    default: 60,
    minimum: 1,
    scope: "machine-overridable",
    description: "Probe: wall-clock limit for one probe run.",
  },
  "inlayHints.enable": {
    type: "boolean",
    default: true,
    scope: "resource",
    description: "Show probe results as inlay hints at the end of each layer's line.",
  },
  "warmUp.enable": {
    type: "boolean",
    default: true,
    scope: "window",
    description:
      "Once per server start, analyse edits to a copy of the first file with a model while the editor is idle, so the first keystrokes run compiled code.",
  },
  "trace.server": {
    type: "string",
    default: "off",
    enum: ["off", "messages", "verbose"],
    scope: "window",
    description: "Trace the communication between VS Code and the initlint language server.",
  },
} as const satisfies Record<string, SettingSpec>;

/** The name of a setting, without the `initlint.` prefix. */
export type SettingKey = keyof typeof settingsSchema;
