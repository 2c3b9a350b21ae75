import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { saveFile } from '../console/files.js';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { openEngine } from './open-engine.js';

const USAGE = `Usage: npm run ask -- [--json] [--out <file.png>] "<question or /command>"
       npm run ask -- --json < questions.txt   (one JSON object per input line)
A picture (/timeline) is written to --out, SUMMIT_TIMELINE_OUT, or the temporary folder.

Examples:
  npm run ask -- "When did Netanyahu and Putin meet in Sochi?"
  npm run ask -- "/quote speaker:Putin query:triumph of light"`;

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // "Unknown option '--verbose'. To specify a positional argument…": the first sentence says it.
    const [problem] = (error as Error).message.replaceAll("'", '').split('. ');
    console.error(`${problem}\n\n${USAGE}`);
    process.exit(2);
  }
}

const { values: flags, positionals } = readArgs();
const { json, out } = flags;
const line = positionals.join(' ').trim();

if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!line && !json) {
  console.error(USAGE);
  process.exit(2);
}

const session = new ConsoleSession(openEngine(), reportToStderr);
const color = !json && process.stdout.isTTY && !process.env.NO_COLOR;

async function answer(input: string) {
  const reply = session.answer(input);
  const text = renderText(reply);
  const saved = await saveFile(reply, out);
  if (json) process.stdout.write(`${JSON.stringify({ input, text, reply, ...(saved && { saved }) })}\n`);
  else console.log([color ? renderText(reply, { color }) : text, saved].filter(Boolean).join('\n\n'));
  return reply;
}

if (line) {
  const reply = await answer(line);
  process.exitCode = reply.kind === 'usage' ? 2 : 0;
} else {
  // JSON Lines: one answer per non-empty input line, in order, in one process.
  const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let answered = Promise.resolve();
  input.on('line', (raw) => {
    if (raw.trim()) answered = answered.then(() => answer(raw).then(() => undefined));
  });
}
