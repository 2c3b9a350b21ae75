import {
  accessSync,
  constants,
  type Dirent,
  type FSWatcher as NodeFSWatcher,
  readdirSync,
  watch,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
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
  /** Editors write a file in several steps, and a folder swap is two renames: wait this long after the last change. */
  debounceMs?: number;
  onReload(result: ReloadResult): void;
  onError(error: Error): void;
  /** Files or folders under the fact base this process may not read, so not watched: told once per watch. */
  onUnreadable?(paths: string[]): void;
  /** The watch is in place: changes from now on are noticed. */
  onReady?(): void;
}

export class LiveEngine {
  #engine: Engine;
  #reloadedAt?: number;
  #contents?: FSWatcher;
  #parent?: NodeFSWatcher;
  #timer?: NodeJS.Timeout;

  /**
   * Every engine it serves is prepared (see `Engine.prepare`): the first at once, unless
   * `prepare` is false, when the program calls `prepare()` itself once the time suits it (the
   * gateway bot, once ready); every reloaded one before it is swapped in.
   */
  constructor(
    readonly dir: string,
    engine: Engine = createEngine(dir),
    { prepare = true }: { prepare?: boolean } = {},
  ) {
    this.#engine = prepare ? engine.prepare() : engine;
  }

  prepare(): void {
    this.#engine.prepare();
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
   * Reloads whenever anything under the folder changes, however it was saved: written in place,
   * renamed over (editors, `sed -i`), deleted and re-created, or the folder itself replaced by a
   * rename or a symlink flip (`git pull` into a volume, config-management tools). Returns a
   * function that stops watching.
   *
   * Node's recursive `fs.watch` loses a file for good once it is renamed over, on Node 20 and 24
   * alike, and chokidar does not either notice its root being replaced; so chokidar watches the
   * contents and a plain watch on the parent folder notices the folder's name being pointed at
   * something new, which re-arms chokidar there.
   */
  watch({ debounceMs = 300, onReload, onError, onUnreadable, onReady }: WatchOptions): () => void {
    this.unwatch();
    const fail = (error: unknown) => onError(error instanceof Error ? error : new Error(String(error)));
    let rearm = false;
    /** Watches the folder's contents from scratch; resolves once changes from then on are noticed. */
    const arm = () =>
      new Promise<void>((resolve) => {
        void this.#contents?.close();
        const unreadable = unreadableUnder(this.dir);
        if (unreadable.length > 0) onUnreadable?.(unreadable);
        // Unreadable paths are reported above, once, instead of an error for each.
        const contents = chokidar.watch(this.dir, {
          ignoreInitial: true,
          persistent: false,
          ignorePermissionErrors: true,
        });
        contents.on('all', () => schedule(false)).on('error', fail);
        contents.once('ready', resolve);
        this.#contents = contents;
      });
    const schedule = (swapped: boolean) => {
      rearm ||= swapped;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(async () => {
        try {
          // Loading only once the new folder is watched means no edit falls between the two.
          if (rearm) {
            rearm = false;
            await arm();
          }
          onReload(this.reload());
        } catch (error) {
          fail(error);
        }
      }, debounceMs);
      this.#timer.unref();
    };
    const name = basename(this.dir);
    try {
      this.#parent = watch(dirname(this.dir), { persistent: false }, (_event, changed) => {
        if (changed === null || changed.toString() === name) schedule(true);
      }).on('error', fail);
    } catch (error) {
      fail(error); // edits inside the folder are still noticed
    }
    void arm().then(onReady);
    return () => this.unwatch();
  }

  private unwatch(): void {
    clearTimeout(this.#timer);
    void this.#contents?.close();
    this.#parent?.close();
    this.#contents = undefined;
    this.#parent = undefined;
  }
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Everything under `dir` that this process may not read (a folder it may not read is not entered). */
function unreadableUnder(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    if (!readable(path)) {
      found.push(path);
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return; // a file, or gone meanwhile
    }
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (!readable(child)) found.push(child);
    }
  };
  visit(dir);
  return found;
}
