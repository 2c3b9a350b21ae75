import { createEngine } from '../engine/create.js';
import type { Engine } from '../engine/engine.js';
import { formatProblem, KnowledgeError } from '../knowledge/load.js';
import { LiveEngine } from '../reload/live-engine.js';
import { knowledgeDir, loadEnv } from '../settings.js';

/** The engine for a one-shot answer, or a clear message and exit 1 when the fact base is invalid. */
export function openEngine(): Engine {
  return opened((dir) => createEngine(dir));
}

/**
 * The same, fully built (or with `prepare: false`, built but not prepared, see `LiveEngine`), as
 * a fact base that can be reloaded from its folder while the program runs: for programs that
 * answer until stopped.
 */
export function openLiveEngine(options?: { prepare?: boolean }): LiveEngine {
  return opened((dir) => new LiveEngine(dir, undefined, options));
}

function opened<T>(open: (dir: string) => T): T {
  loadEnv();
  const dir = knowledgeDir();
  try {
    return open(dir);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    for (const problem of error.problems) console.error(formatProblem(problem));
    console.error(`The fact base in ${dir} is not valid (fix the files above, or set KNOWLEDGE_DIR).`);
    process.exit(1);
  }
}
