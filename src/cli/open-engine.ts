import { createEngine } from '../engine/create.js';
import type { Engine } from '../engine/engine.js';
import { formatProblem, KnowledgeError } from '../knowledge/load.js';
import { knowledgeDir, loadEnv } from '../settings.js';

/** The engine for a command-line program, or a clear message and exit 1 when the fact base is invalid. */
export function openEngine(): Engine {
  loadEnv();
  const dir = knowledgeDir();
  try {
    return createEngine(dir);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    for (const problem of error.problems) console.error(formatProblem(problem));
    console.error(`The fact base in ${dir} is not valid (fix the files above, or set KNOWLEDGE_DIR).`);
    process.exit(1);
  }
}
