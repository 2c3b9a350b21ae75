import { checkKnowledge, formatProblem } from '../knowledge/load.js';
import { knowledgeDir, loadEnv } from '../settings.js';

loadEnv();
const dir = process.argv[2] ?? knowledgeDir();
const { knowledge, problems } = checkKnowledge(dir);

if (!knowledge) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(
    `knowledge:check failed: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}`,
  );
  process.exit(1);
}

const counts = (['sources', 'meetings', 'quotes', 'people', 'places', 'topics', 'events'] as const)
  .map((name) => `${knowledge[name].length} ${name}`)
  .join(', ');
console.log(`knowledge:check passed (version ${knowledge.version}): ${counts}`);
