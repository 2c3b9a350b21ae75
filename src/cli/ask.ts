import { createInterface } from 'node:readline';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { commandFor } from '../settings.js';
import { openEngine } from './open-engine.js';

const ask = commandFor('ask');
const USAGE = `Usage: ${ask} [--json] "<question or /command>"
       ${ask} --json < questions.txt   (one JSON object per input line)

Examples:
  ${ask} "When did Netanyahu and Putin meet in Sochi?"
  ${ask} "/quote speaker:Putin query:triumph of light"`;

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const unknownFlag = argv.find((a) => a.startsWith('--') && a !== '--json');
const line = argv
  .filter((a) => a !== '--json')
  .join(' ')
  .trim();

if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (unknownFlag || (!line && !json)) {
  console.error(unknownFlag ? `Unknown option ${unknownFlag}\n\n${USAGE}` : USAGE);
  process.exit(2);
}

const session = new ConsoleSession(openEngine(), reportToStderr);
const color = !json && process.stdout.isTTY && !process.env.NO_COLOR;

function answer(input: string) {
  const reply = session.answer(input);
  const text = renderText(reply);
  if (json) process.stdout.write(`${JSON.stringify({ input, text, reply })}\n`);
  else console.log(color ? renderText(reply, { color }) : text);
  return reply;
}

if (line) {
  const reply = answer(line);
  process.exitCode = reply.kind === 'usage' ? 2 : 0;
} else {
  // JSON Lines: one answer per non-empty input line, in order, in one process.
  const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  input.on('line', (raw) => {
    if (raw.trim()) answer(raw);
  });
}
