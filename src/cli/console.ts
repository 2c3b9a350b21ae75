import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { plural } from '../answers/format.js';
import { consoleControl } from '../console/controls.js';
import { saveFile } from '../console/files.js';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { LiveEngine } from '../reload/live-engine.js';
import { knowledgeSettings } from '../settings.js';
import { openEngine } from './open-engine.js';

const settings = knowledgeSettings();
const HISTORY_FILE = settings.SUMMIT_HISTORY;
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

// The prompt comes first: indexes are built as answers need them, and the fact base is watched
// for /reload only once someone asks for it.
const engine = openEngine();
let live: LiveEngine | undefined;
const reload = () => {
  live ??= new LiveEngine(settings.KNOWLEDGE_DIR, engine);
  return live.reload();
};
const session = new ConsoleSession(engine, reportToStderr, Math.random, reload);
const interactive = Boolean(process.stdin.isTTY);
const terminal = Boolean(process.stdout.isTTY);
const color = terminal && !settings.NO_COLOR;
const { kb } = engine;

if (interactive) {
  console.log(
    `Summit offline console: ${plural(kb.meetings.length, 'meeting')}, ${plural(kb.quotes.length, 'quote')} from ${plural(kb.sources.length, 'article')}.`,
  );
  console.log(
    'Ask a question, or try /help, /when Sochi, /quote speaker:Putin query:Hanukkah. clear, exit or Ctrl-D.\n',
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

// Folding to the window's width is loaded after the prompt shows: it costs more to load than
// answering takes, and a pipe never needs it.
let fold: ((text: string, width: number | undefined) => string) | undefined;
const folding = terminal
  ? import('../console/wrap.js').then((m) => {
      fold = m.wrapToWidth;
    })
  : undefined;

/** Answers in the order asked, though writing a picture takes a moment. */
let answered = Promise.resolve();

async function answer(text: string): Promise<void> {
  if (folding && !fold) await folding;
  const reply = session.answer(text);
  const rendered = renderText(reply, { color });
  // The width is read at every answer: the window may have been resized.
  console.log(`${fold ? fold(rendered, process.stdout.columns) : rendered}\n`);
  const saved = await saveFile(reply, out);
  if (saved) console.log(`${saved}\n`);
}

rl.on('line', (line) => {
  const text = line.trim();
  const control = consoleControl(text);
  if (control === 'quit') {
    rl.close();
    return;
  }
  answered = answered.then(async () => {
    if (control === 'clear') {
      if (terminal) console.clear();
    } else if (text) await answer(text);
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
