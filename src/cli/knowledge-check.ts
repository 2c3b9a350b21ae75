import { checkKnowledge, problemReport } from '../knowledge/load.js';
import { knowledgeDir, loadEnv } from '../settings.js';

loadEnv();
const dir = process.argv[2] ?? knowledgeDir();
const { knowledge, problems } = checkKnowledge(dir);

if (!knowledge) {
  console.error(problemReport(dir, problems));
  process.exit(1);
}

const counts = (['sources', 'meetings', 'quotes', 'people', 'places', 'topics', 'events'] as const)
  .map((name) => `${knowledge[name].length} ${name}`)
  .join(', ');
console.log(`knowledge:check passed (version ${knowledge.version}): ${counts}`);
