/// <reference lib="dom" />
/**
 * The probe plot, running inside the webview: per-layer output and gradient variance against
 * depth on a log scale, the analytic prediction and the healthy band, and dead / saturated
 * fractions as bars. Clicking a layer asks the extension to reveal its line.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from "chart.js";
import type { ProbeModel, ProbeResult } from "../probe-types";
import { healthyBand, type PlotMessage, type WebviewMessage } from "./messages";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
);

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PlotMessage): void;
  getState(): PlotMessage | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let chart: Chart | undefined;
let current: ProbeResult | undefined;

/** A theme colour from the CSS variables VS Code sets on the webview's body. */
function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

/** Log scales cannot show zero or negative values; such points are left as gaps. */
function positive(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

type Series = (number | null)[];

/** Log-axis ticks only at powers of ten, written as 1, 0.1, 1e-3 rather than long decimals. */
function powerOfTen(value: number | string): string {
  const exponent = Math.log10(Number(value));
  if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return "";
  const e = Math.round(exponent);
  return e >= -2 && e <= 3 ? String(10 ** e) : `1e${e}`;
}

function datasets(model: ProbeModel): ChartDataset<"line" | "bar", Series>[] {
  const layers = model.layers;
  const blue = themeColor("--vscode-charts-blue", "#3794ff");
  const orange = themeColor("--vscode-charts-orange", "#d18616");
  const purple = themeColor("--vscode-charts-purple", "#b180d7");
  const green = themeColor("--vscode-charts-green", "#89d185");
  const red = themeColor("--vscode-charts-red", "#f14c4c");
  const yellow = themeColor("--vscode-charts-yellow", "#cca700");
  const line = { type: "line" as const, yAxisID: "variance", spanGaps: false };
  const band = { ...line, pointRadius: 0, borderWidth: 0, backgroundColor: `${green}33` };
  return [
    {
      ...line,
      label: "output variance",
      data: layers.map((l) => positive(l.outputVar)),
      borderColor: blue,
      backgroundColor: blue,
    },
    {
      ...line,
      label: "gradient variance",
      data: layers.map((l) => positive(l.gradVar)),
      borderColor: orange,
      backgroundColor: orange,
    },
    {
      ...line,
      label: "predicted",
      data: layers.map((l) => positive(l.predictedVar)),
      borderColor: purple,
      borderDash: [6, 4],
      pointRadius: 0,
    },
    { ...band, label: "healthy band", data: layers.map(() => healthyBand.high), fill: "+1" },
    {
      ...band,
      label: "healthy band (low)",
      data: layers.map(() => healthyBand.low),
      fill: false,
    },
    {
      type: "bar",
      yAxisID: "fraction",
      label: "dead",
      data: layers.map((l) => l.deadFraction),
      backgroundColor: `${red}99`,
    },
    {
      type: "bar",
      yAxisID: "fraction",
      label: "saturated",
      data: layers.map((l) => l.saturatedFraction),
      backgroundColor: `${yellow}99`,
    },
  ];
}

function render(model: ProbeModel): void {
  const canvas = document.getElementById("plot") as HTMLCanvasElement;
  const foreground = themeColor("--vscode-foreground", "#cccccc");
  const grid = themeColor("--vscode-editorWidget-border", "#454545");
  chart?.destroy();
  const config: ChartConfiguration<"line" | "bar", Series, string> = {
    type: "line",
    data: {
      labels: model.layers.map((l, i) => `${i + 1}. ${l.name}`),
      datasets: datasets(model),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      color: foreground,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: {
          ticks: { color: foreground },
          grid: { color: grid },
          title: { display: true, text: "layer (depth)", color: foreground },
        },
        variance: {
          type: "logarithmic",
          position: "left",
          ticks: { color: foreground, callback: powerOfTen, autoSkip: false },
          grid: { color: (c) => (c.tick && powerOfTen(c.tick.value) ? grid : "transparent") },
          title: { display: true, text: "variance (log)", color: foreground },
        },
        fraction: {
          type: "linear",
          position: "right",
          min: 0,
          max: 1,
          ticks: { color: foreground },
          grid: { drawOnChartArea: false },
          title: { display: true, text: "dead / saturated fraction", color: foreground },
        },
      },
      plugins: {
        legend: {
          labels: { color: foreground, filter: (item) => !item.text.endsWith("(low)") },
        },
      },
      onClick: (_event, elements) => {
        const first = elements[0];
        if (!first) return;
        const layer = model.layers[first.index];
        if (layer) vscode.postMessage({ type: "reveal", line: layer.line });
      },
    },
  };
  chart = new Chart(canvas, config);
}

function show(message: PlotMessage): void {
  current = message.result;
  const select = document.getElementById("model") as HTMLSelectElement;
  select.replaceChildren(
    ...current.models.map(
      (m, i) => new Option(m.name, String(i), false, i === message.modelIndex),
    ),
  );
  select.hidden = current.models.length < 2;
  const header = document.getElementById("header") as HTMLElement;
  const { backend, seed, batch } = current;
  header.textContent = `backend ${backend} · seed ${seed} · batch ${batch}`;
  const model = current.models[message.modelIndex] ?? current.models[0];
  const empty = document.getElementById("empty") as HTMLElement;
  empty.hidden = model !== undefined;
  if (model) render(model);
  vscode.setState(message);
}

window.addEventListener("message", (event: MessageEvent<PlotMessage>) => {
  if (event.data?.type === "show") show(event.data);
});

document.getElementById("model")?.addEventListener("change", (event) => {
  const index = Number((event.target as HTMLSelectElement).value);
  if (current) show({ type: "show", result: current, modelIndex: index });
});

const saved = vscode.getState();
if (saved) show(saved);
vscode.postMessage({ type: "ready" });
