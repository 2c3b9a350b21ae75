import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { plural } from '../answers/format.js';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { insightsContext } from '../insights/prefetch.js';
import { recordingOptions, recordingSchema } from '../insights/settings.js';
import { storeReader } from '../insights/store-reader.js';
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

const live = openLiveEngine();
const { engine } = live;
const session = new ConsoleSession(engine, reportToStderr, Math.random, () => live.reload());
const interactive = Boolean(process.stdin.isTTY);
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const { kb } = engine;
// /insights reads the record the bot keeps; a setting that does not parse leaves it absent.
const recording = recordingSchema.safeParse(
  Object.fromEntries(Object.entries(process.env).filter(([, value]) => value?.trim())),
);
const record = recording.success ? storeReader(recordingOptions(recording.data)) : undefined;

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

/** Lines are answered in order, even one that waits for the record. */
let answering = Promise.resolve();
/** The rest of a chunk of input already read still arrives after /quit; it goes unanswered. */
let quit = false;

rl.on('line', (line) => {
  const text = line.trim();
  if (quit) return;
  if (text === '/quit' || text === '/exit') {
    quit = true;
    rl.close();
    return;
  }
  answering = answering.then(async () => {
    if (text) {
      const extra = await insightsContext(text, record);
      console.log(`${renderText(session.answer(text, extra), { color })}\n`);
    }
    rl.prompt();
  });
});

rl.on('close', async () => {
  await answering;
  await record?.close();
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
