/**
 * Recurrent and attention layers of `torch.nn`: their per-layer, per-direction parameters
 * (`weight_ih_l0`, `weight_hh_l1_reverse`, ...) and the attention projections, with the
 * defaults PyTorch's `reset_parameters` / `_reset_parameters` gives them.
 */
import type { Dim, Param } from "../../../model/types";
import type { Args } from "./args";
import type { LayerShape } from "./layers";
import { defaultInit, param, times } from "./params";

const gates: Record<string, number> = { RNN: 1, LSTM: 4, GRU: 3 };
const maxStacked = 16;

/** `nn.RNN`, `nn.LSTM`, `nn.GRU`: every parameter on U(±1/√hidden) by default. */
export function recurrentLayer(a: Args, name: string): LayerShape {
  const isRnn = name === "RNN";
  const input = a.dim(0, "input_size");
  const hidden = a.dim(1, "hidden_size");
  const layers = a.dim(2, "num_layers", 1);
  // nn.RNN takes `nonlinearity` as its fourth positional argument, which shifts the rest.
  const shift = isRnn ? 1 : 0;
  const hasBias = a.flag(3 + shift, "bias", true) ?? true;
  const bidirectional = a.flag(6 + shift, "bidirectional", false) ?? false;
  const directions = bidirectional ? 2 : 1;
  const g = times(gates[name] ?? 1, hidden);
  const init = () => defaultInit("torch_rnn_default");
  const params: Param[] = [];
  // With an unknown layer count only the first layer's parameters are certain to exist.
  const count = layers === null ? 1 : Math.min(layers, maxStacked);
  for (let l = 0; l < count; l++) {
    const layerIn = l === 0 ? input : times(hidden, directions);
    for (let d = 0; d < directions; d++) {
      const suffix = `_l${l}${d === 1 ? "_reverse" : ""}`;
      params.push(param("weight", `weight_ih${suffix}`, [g, layerIn], init()));
      params.push(param("recurrentWeight", `weight_hh${suffix}`, [g, hidden], init()));
      if (hasBias) {
        params.push(param("bias", `bias_ih${suffix}`, [g], init()));
        params.push(param("recurrentBias", `bias_hh${suffix}`, [g], init()));
      }
    }
  }
  const kind = name === "LSTM" ? "lstm" : name === "GRU" ? "gru" : "rnn";
  return {
    kind,
    inFeatures: input,
    outFeatures: times(hidden, directions),
    hiddenSize: hidden,
    numLayers: layers,
    bidirectional,
    hasBias,
    params,
  };
}

function attentionParams(prefix: string, embed: Dim, bias: boolean): Param[] {
  const three = times(3, embed);
  const params = [
    param("weight", `${prefix}in_proj_weight`, [three, embed], defaultInit("xavier_uniform")),
  ];
  if (bias) params.push(param("bias", `${prefix}in_proj_bias`, [three], defaultInit("zeros")));
  params.push(
    param("weight", `${prefix}out_proj.weight`, [embed, embed], defaultInit("torch_default")),
  );
  if (bias) params.push(param("bias", `${prefix}out_proj.bias`, [embed], defaultInit("zeros")));
  return params;
}

/** `nn.MultiheadAttention` and `nn.TransformerEncoderLayer`. */
export function attentionLayer(a: Args, name: string): LayerShape {
  const embed = a.dim(0, name === "MultiheadAttention" ? "embed_dim" : "d_model");
  if (name === "MultiheadAttention") {
    const bias = a.flag(3, "bias", true) ?? true;
    const params = attentionParams("", embed, bias);
    return { kind: "attention", inFeatures: embed, outFeatures: embed, hasBias: bias, params };
  }
  const ff = a.dim(2, "dim_feedforward", 2048);
  const bias = a.flag(8, "bias", true) ?? true;
  const linear = (n: string, out: Dim, inF: Dim): Param[] => [
    param("weight", `${n}.weight`, [out, inF], defaultInit("torch_default")),
    ...(bias ? [param("bias", `${n}.bias`, [out], defaultInit("torch_default_bias"))] : []),
  ];
  const norm = (n: string): Param[] => [
    param("normWeight", `${n}.weight`, [embed], defaultInit("ones")),
    ...(bias ? [param("normBias", `${n}.bias`, [embed], defaultInit("zeros"))] : []),
  ];
  const params = [
    ...attentionParams("self_attn.", embed, bias),
    ...linear("linear1", ff, embed),
    ...linear("linear2", embed, ff),
    ...norm("norm1"),
    ...norm("norm2"),
  ];
  return { kind: "attention", inFeatures: embed, outFeatures: embed, hasBias: bias, params };
}
