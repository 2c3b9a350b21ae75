import { Engine } from '../src/engine/engine.js';
import { removeStaleIndexes, writePrebuiltIndexes } from '../src/engine/prebuilt.js';
import { checkKnowledge } from '../src/knowledge/load.js';
import { removeStaleSnapshots, writeSnapshot } from '../src/knowledge/snapshot.js';
import { prepareEnglish, removeStaleLexicons } from '../src/language/index.js';
import { knowledgeDir, loadEnv } from '../src/settings.js';

/**
 * The last step of `npm run build`: derives the English tables the language layer reads (once
 * per installation), then validates the fact base (KNOWLEDGE_DIR, or knowledge/) and saves it as
 * a snapshot, so that starting while its files are unchanged skips parsing and validation. Silent when it works, since every `npm run` script builds first. An invalid fact
 * base gets no snapshot and one line on stderr; the build does not fail for it, since
 * `npm run knowledge:check` is where the fact base is judged.
 */
loadEnv();
prepareEnglish();
const dir = knowledgeDir();
removeStaleSnapshots();
removeStaleIndexes();
removeStaleLexicons();
const { knowledge, problems } = checkKnowledge(dir);
if (knowledge) {
  writeSnapshot(knowledge);
  writePrebuiltIndexes(knowledge, new Engine(knowledge).searchIndexes);
} else
  console.error(
    `No knowledge snapshot: ${dir} has ${problems.length} problem(s); see npm run knowledge:check.`,
  );
