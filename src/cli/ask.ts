import { createInterface } from 'node:readline';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { commandFor, knowledgeSettings } from '../settings.js';
import { openEngine } from './open-engine.js';

const ask = commandFor('ask');
// npm takes --json itself (see below), so the JSON forms go without the `--`.
const askJson = ask.endsWith(' --') ? ask.slice(0, -3) : ask;
const USAGE = `Usage: ${ask} "<question or /command>"
       ${askJson} --json "<question or /command>"   (one JSON object on stdout, nothing else)
       ${askJson} --json < questions.txt            (one JSON object per input line)

Examples:
  ${ask} "When did Netanyahu and Putin meet in Sochi?"
  ${ask} "/quote speaker:Putin query:triumph of light"`;

const argv = process.argv.slice(2);
// `npm run ask --json …` gives the flag to npm, which then prints its own banner on stderr (as
// it does in its JSON mode) and tells the script through npm_config_json: stdout is all JSON.
const json = argv.includes('--json') || process.env.npm_config_json === 'true';
const unknownFlag = argv.find((a) => a.startsWith('--') && a !== '--json');
const line = argv
  .filter((a) => a !== '--json')
  .join(' ')
  .trim();

if (argv.includes('--json') && process.env.npm_lifecycle_event === 'ask' && !process.env.npm_config_json) {
  console.error('summit: npm printed its banner on stdout; `npm run ask --json …` keeps stdout all JSON.');
}
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (unknownFlag || (!line && !json)) {
  console.error(unknownFlag ? `Unknown option ${unknownFlag}\n\n${USAGE}` : USAGE);
  process.exit(2);
}

const session = new ConsoleSession(openEngine(), reportToStderr);
// Colour and folding to the window's width only for a person reading a terminal.
const terminal = !json && Boolean(process.stdout.isTTY);
const color = terminal && !knowledgeSettings().NO_COLOR;
// Loaded only for a terminal: the folding library costs more to load than answering takes.
const fold = terminal ? (await import('../console/wrap.js')).wrapToWidth : undefined;

function answer(input: string) {
  const reply = session.answer(input);
  const text = renderText(reply);
  if (json) process.stdout.write(`${JSON.stringify({ input, text, reply })}\n`);
  else console.log(fold ? fold(renderText(reply, { color }), process.stdout.columns) : text);
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
