import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKnowledge } from './synthetic/generate.js';

const USAGE = `Usage: node dist/scripts/generate-knowledge.js [--sizes 1000,10000,100000] [--out bench/.data] [--seed 1]

Writes a synthetic fact base of each size to <out>/<size>/, in the format of knowledge/.`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    out: { type: 'string', default: 'bench/.data' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = values.sizes.split(',').map(Number);
const seed = Number(values.seed);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}
for (const size of sizes) {
  const dir = resolve(values.out, String(size));
  const started = performance.now();
  const made = generateKnowledge(dir, { meetings: size, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${dir}: ${made.meetings} meetings, ${made.quotes} quotes, ${made.events} events, ${made.places} places, ` +
      `${made.people} people, ${made.topics} topics, ${made.sources} articles; ${(made.bytes / 1e6).toFixed(1)} MB in ${seconds} s`,
  );
}
