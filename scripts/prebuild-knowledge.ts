import { Engine } from '../src/engine/engine.js';
import { removeStaleIndexes, writePrebuiltIndexes } from '../src/engine/prebuilt.js';
import { checkKnowledge, problemReport } from '../src/knowledge/load.js';
import { removeStaleSnapshots, writeSnapshot } from '../src/knowledge/snapshot.js';
import { knowledgeDir, loadEnv } from '../src/settings.js';

/**
 * The last step of a build: validates the fact base (KNOWLEDGE_DIR, or knowledge/) and saves it as
 * a snapshot, so that starting while its files are unchanged skips parsing and validation. A fact
 * base with problems fails the build with the same file:line lines as `npm run knowledge:check`,
 * rather than leaving every start to find them.
 */
loadEnv();
const dir = knowledgeDir();
removeStaleSnapshots();
removeStaleIndexes();
const { knowledge, problems } = checkKnowledge(dir);
if (knowledge) {
  writeSnapshot(knowledge);
  writePrebuiltIndexes(knowledge, new Engine(knowledge).searchIndexes);
} else {
  console.error(problemReport(dir, problems));
  process.exitCode = 1;
}
