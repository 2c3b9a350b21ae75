import { type FSWatcher, watch } from 'node:fs';
import { createEngine } from '../engine/create.js';
import type { Engine } from '../engine/engine.js';
import { KnowledgeError, type KnowledgeProblem } from '../knowledge/load.js';

/**
 * The fact base in force, replaceable while the bot runs. A new version is loaded and validated
 * in full, and its engine built, before one assignment swaps it in: JavaScript runs one
 * interaction's code at a time, so an interaction that reads `engine` once sees one whole
 * version from start to finish. An invalid edit leaves the previous version serving.
 */

export type ReloadResult =
  | { status: 'reloaded'; engine: Engine; previous: Engine }
  | { status: 'unchanged'; engine: Engine }
  | { status: 'rejected'; engine: Engine; problems: KnowledgeProblem[] };

export interface WatchOptions {
  /** Editors write a file in several steps; wait this long after the last change. */
  debounceMs?: number;
  onReload(result: ReloadResult): void;
  onError(error: Error): void;
}

export class LiveEngine {
  #engine: Engine;
  #reloadedAt?: number;
  #watcher?: FSWatcher;
  #timer?: NodeJS.Timeout;

  /** Every engine it serves is prepared (see `Engine.prepare`) before it answers. */
  constructor(
    readonly dir: string,
    engine: Engine = createEngine(dir),
  ) {
    this.#engine = engine.prepare();
  }

  /** The engine to answer with. Read it once per interaction. */
  get engine(): Engine {
    return this.#engine;
  }

  /** When a reload last swapped a new version in (ms since the epoch); unset before that. */
  get reloadedAt(): number | undefined {
    return this.#reloadedAt;
  }

  /** Loads the folder again; swaps only a valid, different fact base in. */
  reload(): ReloadResult {
    const current = this.#engine;
    let next: Engine;
    try {
      next = createEngine(this.dir);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      return { status: 'rejected', engine: current, problems: error.problems };
    }
    if (next.kb.version === current.kb.version) return { status: 'unchanged', engine: current };
    this.#engine = next.prepare();
    this.#reloadedAt = Date.now();
    return { status: 'reloaded', engine: next, previous: current };
  }

  /**
   * Reloads whenever a file under the folder changes (editors that save by renaming, and
   * volumes that swap a symlink, included). Returns a function that stops watching.
   */
  watch({ debounceMs = 300, onReload, onError }: WatchOptions): () => void {
    this.unwatch();
    const schedule = () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        try {
          onReload(this.reload());
        } catch (error) {
          onError(error instanceof Error ? error : new Error(String(error)));
        }
      }, debounceMs);
      this.#timer.unref();
    };
    this.#watcher = watch(this.dir, { recursive: true, persistent: false }, schedule);
    this.#watcher.on('error', (error) => onError(error));
    return () => this.unwatch();
  }

  private unwatch(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }
}
