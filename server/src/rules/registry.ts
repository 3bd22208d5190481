/**
 * Every rule, in code order. A rule file exports one `Rule`; adding a rule means adding it here,
 * its docs page under docs/rules/ and fixtures that fire and stay silent.
 */
import { activationInitMismatch } from "./il001-activation-init-mismatch";
import { symmetricInit } from "./il002-symmetric-init";
import { fanInitOn1dTensor } from "./il003-fan-init-on-1d-tensor";
import { uninitializedParameter } from "./il004-uninitialized-parameter";
import { initNeverApplied } from "./il005-init-never-applied";
import { reinitAfterPretrained } from "./il006-reinit-after-pretrained";
import { recurrentInit } from "./il007-recurrent-init";
import { fixedScaleInit } from "./il008-fixed-scale-init";
import { fragileInitDispatch } from "./il009-fragile-init-dispatch";
import { eagerLargeModelInit } from "./il010-eager-large-model-init";
import { unknownOrDeprecatedInitializer } from "./il011-unknown-or-deprecated-initializer";
import { gainArgumentMismatch } from "./il012-gain-argument-mismatch";
import { missingSeed } from "./il013-missing-seed";
import type { Rule } from "./types";

/** All rules initlint runs. */
export const rules: Rule[] = [
  activationInitMismatch,
  symmetricInit,
  fanInitOn1dTensor,
  uninitializedParameter,
  initNeverApplied,
  reinitAfterPretrained,
  recurrentInit,
  fixedScaleInit,
  fragileInitDispatch,
  eagerLargeModelInit,
  unknownOrDeprecatedInitializer,
  gainArgumentMismatch,
  missingSeed,
];
