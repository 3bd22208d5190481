/**
 * The metadata of the probe's checks IL101-IL106 for `initlint rules`. The probe declares
 * these codes only where it reports them (no metadata objects), so they are listed here, with
 * the names of their pages in docs/rules/ and the severities the probe reports them at.
 */
import type { RuleMeta } from "../rules/types";

const allFrameworks: RuleMeta["frameworks"] = ["pytorch", "keras", "tfjs", "flax"];

function probeCheck(
  code: string,
  name: string,
  defaultSeverity: RuleMeta["defaultSeverity"],
  summary: string,
): RuleMeta {
  return { code, name, summary, defaultSeverity, frameworks: allFrameworks, fixable: false };
}

/** The probe's checks, in code order; reported by `initlint probe` and the probe command. */
export const probeRuleMetas: RuleMeta[] = [
  probeCheck(
    "IL101",
    "poor-weight-initialization",
    "warning",
    "Probe: pre-activation variance spreads more than tenfold across the model's layers.",
  ),
  probeCheck(
    "IL102",
    "dead-relu",
    "warning",
    "Probe: most units of a ReLU-family layer are inactive on nearly every sample at init.",
  ),
  probeCheck(
    "IL103",
    "saturated-activation",
    "warning",
    "Probe: most units of a tanh or sigmoid layer are saturated on nearly every sample.",
  ),
  probeCheck(
    "IL104",
    "vanishing-gradient",
    "warning",
    "Probe: the gradient reaching a layer's input is vanishingly small at init.",
  ),
  probeCheck(
    "IL105",
    "exploding-tensor",
    "error",
    "Probe: a layer's pre-activation or output holds NaN or Inf at init.",
  ),
  probeCheck(
    "IL106",
    "all-zero",
    "warning",
    "Probe: every weight or every output of a layer is zero at init (information on the head).",
  ),
];
