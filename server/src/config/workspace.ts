/**
 * The configuration each open document is linted under in the language server: the client's
 * `initlint` settings (workspace/configuration, per document) merged with the nearest project
 * file. Each distinct problem in a settings source is reported once, then its defaults apply.
 */
import { fileURLToPath } from "node:url";
import { formatProblem, type ConfigProblem } from "./config-file";
import type { EffectiveConfig } from "./effective";
import { mergeConfig, resolveSettings, type ResolvedSettings } from "./merge";
import { ProjectConfigs } from "./project";
import { validateClientSettings, type ConfigLayer } from "./validate";

/** What the configuration service needs from the connection. */
export interface ConfigServiceDeps {
  /** The client's `initlint` section for a document, or undefined when it has none. */
  fetchSettings(uri: string): Promise<unknown>;
  /** Tells the user about problems in one settings source (called once per distinct problem set). */
  report(source: string, problems: string[]): void;
  /** Called with each project file in use, for servers that watch files themselves. */
  watch?(file: string): void;
}

/** The configuration of one document. */
export interface DocumentConfig {
  config: EffectiveConfig;
  settings: ResolvedSettings;
  /** The project configuration file in effect, if any. */
  projectFile: string | null;
}

function filePathOf(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** Per-document configuration with caching and once-only problem reports. */
export class ConfigService {
  private readonly clientLayers = new Map<string, Promise<ConfigLayer>>();
  private readonly projects = new ProjectConfigs();
  private readonly latest = new Map<string, DocumentConfig>();
  /** The layers each document's configuration was last built from, and the result. */
  private readonly built = new Map<
    string,
    { client: ConfigLayer; project: ConfigLayer | null; value: DocumentConfig }
  >();
  private readonly reported = new Map<string, string>();

  constructor(private readonly deps: ConfigServiceDeps) {}

  /** The configuration for a document, fetching the client's settings on first use. */
  async forDocument(uri: string): Promise<DocumentConfig> {
    const client = await this.clientLayer(uri);
    const file = filePathOf(uri);
    const project = file ? this.projects.forFile(file) : null;
    if (project) {
      this.reportOnce(project.path, project.problems);
      this.deps.watch?.(project.path);
    }

    // Layers are never changed, only replaced: the same two give the same configuration, and
    // the same object, which the rules' caches key on (a new one every keystroke re-keyed them).
    const projectLayer = project?.layer ?? null;
    const last = this.built.get(uri);
    if (last && last.client === client && last.project === projectLayer) {
      this.latest.set(uri, last.value);
      return last.value;
    }
    const layers = project ? [client, project.layer] : [client];
    const resolved: DocumentConfig = {
      config: mergeConfig(layers),
      settings: resolveSettings(layers),
      projectFile: project?.path ?? null,
    };
    this.built.set(uri, { client, project: projectLayer, value: resolved });
    this.latest.set(uri, resolved);
    return resolved;
  }

  /** The configuration last resolved for a document, for synchronous requests. */
  cached(uri: string): DocumentConfig | undefined {
    return this.latest.get(uri);
  }

  /** The client's settings changed: fetch them again. */
  settingsChanged(): void {
    this.clientLayers.clear();
  }

  /** A configuration file was created, changed or deleted: read files again. */
  filesChanged(): void {
    this.projects.invalidate();
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.latest.delete(uri);
    this.built.delete(uri);
    this.clientLayers.delete(uri);
  }

  private clientLayer(uri: string): Promise<ConfigLayer> {
    let layer = this.clientLayers.get(uri);
    if (!layer) {
      layer = this.fetchClientLayer(uri);
      this.clientLayers.set(uri, layer);
    }
    return layer;
  }

  private async fetchClientLayer(uri: string): Promise<ConfigLayer> {
    let section: unknown;
    try {
      section = await this.deps.fetchSettings(uri);
    } catch {
      // A client without workspace/configuration simply has no settings to add.
      return {};
    }
    const { layer, problems } = validateClientSettings(section);
    const located: ConfigProblem[] = problems.map((p) => ({ file: "settings", line: 1, ...p }));
    this.reportOnce("settings", located, (p) => `${p.key}: ${p.message}`);
    return layer;
  }

  private reportOnce(
    source: string,
    problems: ConfigProblem[],
    format: (p: ConfigProblem) => string = formatProblem,
  ): void {
    const lines = problems.map(format);
    const signature = lines.join("\n");
    if ((this.reported.get(source) ?? "") === signature) return;
    this.reported.set(source, signature);
    if (lines.length > 0) this.deps.report(source, lines);
  }
}
