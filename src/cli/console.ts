import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { plural } from '../answers/format.js';
import { saveFile } from '../console/files.js';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { openLiveEngine } from './open-engine.js';

const HISTORY_FILE = process.env.SUMMIT_HISTORY ?? join(homedir(), '.summit_history');
const HISTORY_SIZE = 500;

function readHistory(): string[] {
  try {
    return existsSync(HISTORY_FILE)
      ? readFileSync(HISTORY_FILE, 'utf8').split('\n').filter(Boolean).reverse()
      : [];
  } catch {
    return [];
  }
}

/** `--out <file.png>`: where a picture (/timeline) is written. */
const { out } = parseArgs({ options: { out: { type: 'string' } } }).values;

const live = openLiveEngine();
const { engine } = live;
const session = new ConsoleSession(engine, reportToStderr, Math.random, () => live.reload());
const interactive = Boolean(process.stdin.isTTY);
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const { kb } = engine;

if (interactive) {
  console.log(
    `Summit offline console: ${plural(kb.meetings.length, 'meeting')}, ${plural(kb.quotes.length, 'quote')} from ${plural(kb.sources.length, 'article')}.`,
  );
  console.log(
    'Ask a question, or try /help, /when Sochi, /quote speaker:Putin query:Hanukkah. Ctrl-D to leave.\n',
  );
}

const rl = createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: interactive,
  history: interactive ? readHistory() : [],
  historySize: HISTORY_SIZE,
  prompt: interactive ? 'summit> ' : '',
});

/** Answers in the order asked, though writing a picture takes a moment. */
let answered = Promise.resolve();

async function answer(text: string): Promise<void> {
  const reply = session.answer(text);
  console.log(`${renderText(reply, { color })}\n`);
  const saved = await saveFile(reply, out);
  if (saved) console.log(`${saved}\n`);
}

rl.on('line', (line) => {
  const text = line.trim();
  if (text === '/quit' || text === '/exit') {
    rl.close();
    return;
  }
  answered = answered.then(async () => {
    if (text) await answer(text);
    rl.prompt();
  });
});

rl.on('close', async () => {
  await answered;
  if (interactive) {
    const history = (rl as unknown as { history?: string[] }).history ?? [];
    try {
      writeFileSync(HISTORY_FILE, `${[...history].reverse().slice(-HISTORY_SIZE).join('\n')}\n`);
    } catch {
      // A read-only home folder only costs the history.
    }
    console.log('');
  }
  process.exit(0);
});

rl.prompt();
