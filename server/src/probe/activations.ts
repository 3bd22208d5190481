/**
 * Activation functions on TensorFlow.js tensors, with each framework's default slopes
 * (PReLU starts at 0.25 in PyTorch and at 0 in Keras; LeakyReLU's slope is 0.01 in PyTorch
 * and 0.3 in Keras and TF.js).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Activation, Framework } from "../model/types";

/** Activations the probe treats as ReLU-like for IL101 and IL102. */
export const reluLike = new Set(["relu", "relu6", "leaky_relu", "prelu", "elu", "selu"]);

/** The name the output shows, with the slope that was used. */
export function activationLabel(
  act: Activation | undefined,
  framework: Framework,
): string | null {
  if (!act) return null;
  if (act.name === "leaky_relu" || act.name === "prelu") {
    return `${act.name}(${slopeOf(act, framework)})`;
  }
  return act.name;
}

function slopeOf(act: Activation, framework: Framework): number {
  if (act.slope !== undefined) return act.slope;
  if (act.name === "prelu") return framework === "pytorch" ? 0.25 : 0;
  return framework === "pytorch" ? 0.01 : 0.3;
}

/** True when the probe knows how to apply this activation. */
export function isKnownActivation(act: Activation): boolean {
  return act.name !== "unknown";
}

/** Applies the activation; `linear` and unknown names pass the input through. */
export function applyActivation(
  x: tf.Tensor,
  act: Activation,
  framework: Framework,
): tf.Tensor {
  switch (act.name) {
    case "relu":
      return tf.relu(x);
    case "relu6":
      return tf.relu6(x);
    case "leaky_relu":
    case "prelu":
      return tf.leakyRelu(x, slopeOf(act, framework));
    case "elu": {
      const alpha = act.alpha ?? 1;
      // Built from ops with registered gradients: `where` over a comparison would make the
      // backward pass ask for the comparison's gradient, which tfjs does not define.
      if (alpha === 1) return tf.elu(x);
      const pos = tf.relu(x);
      return tf.add(pos, tf.mul(alpha, tf.sub(tf.elu(x), pos)));
    }
    case "selu":
      return tf.selu(x);
    case "gelu":
      return tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    case "silu":
      return tf.mul(x, tf.sigmoid(x));
    case "mish":
      return tf.mul(x, tf.tanh(tf.softplus(x)));
    case "hardswish":
      return tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6));
    case "tanh":
      return tf.tanh(x);
    case "sigmoid":
      return tf.sigmoid(x);
    case "hard_sigmoid":
      return tf.div(tf.relu6(tf.add(x, 3)), 6);
    case "softplus":
      return tf.softplus(x);
    case "softsign":
      return tf.div(x, tf.add(1, tf.abs(x)));
    case "softmax":
      return tf.softmax(x);
    case "log_softmax":
      return tf.logSoftmax(x);
    default:
      return x;
  }
}
