import { Engine } from '../src/engine/engine.js';
import { removeStaleIndexes, writePrebuiltIndexes } from '../src/engine/prebuilt.js';
import { checkKnowledge, problemReport } from '../src/knowledge/load.js';
import { removeStaleSnapshots, writeSnapshot } from '../src/knowledge/snapshot.js';
import { prepareEnglish, removeStaleLexicons } from '../src/language/index.js';
import { knowledgeDir, loadEnv } from '../src/settings.js';

/**
 * The last step of a build: derives the English tables the language layer reads (once per
 * installation), then validates the fact base (KNOWLEDGE_DIR, or knowledge/) and saves it as a
 * snapshot, so that starting while its files are unchanged skips parsing and validation. A fact
 * base with problems fails the build with the same file:line lines as `npm run knowledge:check`,
 * rather than leaving every start to find them.
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
  writePrebuiltIndexes(new Engine(knowledge));
} else {
  console.error(problemReport(dir, problems));
  process.exitCode = 1;
}
