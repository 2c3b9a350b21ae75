import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { plural } from '../answers/format.js';
import { insightsContext } from '../commands/insights-context.js';
import { consoleControl } from '../console/controls.js';
import { saveFile } from '../console/files.js';
import { renderText } from '../console/render.js';
import { reportToStderr } from '../console/report.js';
import { ConsoleSession } from '../console/session.js';
import { readRecordingOptions } from '../insights/settings.js';
import type { InsightsSource } from '../insights/source.js';
import { storeReader } from '../insights/store-reader.js';
import { LiveEngine } from '../reload/live-engine.js';
import { knowledgeSettings, SettingsError } from '../settings.js';
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
// /insights reads the record the bot keeps. Its settings are checked at the first /insights, not
// before the prompt (checking loads zod); a setting that does not parse leaves the record absent.
let reader: ReturnType<typeof storeReader> | undefined;
const openReader = () => {
  try {
    return storeReader(readRecordingOptions());
  } catch (error) {
    if (error instanceof SettingsError) return undefined;
    throw error;
  }
};
const record: InsightsSource = {
  report(days) {
    reader ??= openReader();
    return reader?.report(days) ?? Promise.resolve(undefined);
  },
};

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

/** Lines are answered in order, even one that waits for the record or writes a picture. */
let answering = Promise.resolve();
/** The rest of a chunk of input already read still arrives after quitting; it goes unanswered. */
let quit = false;
/** Once input has ended, lines still waiting are answered without a prompt (Node 24 throws on one). */
let closed = false;

async function answer(text: string): Promise<void> {
  if (folding && !fold) await folding;
  const extra = await insightsContext(text, record);
  const reply = session.answer(text, extra);
  const rendered = renderText(reply, { color });
  // The width is read at every answer: the window may have been resized.
  console.log(`${fold ? fold(rendered, process.stdout.columns) : rendered}\n`);
  const saved = await saveFile(reply, out);
  if (saved) console.log(`${saved}\n`);
}

rl.on('line', (line) => {
  if (quit) return;
  const text = line.trim();
  const control = consoleControl(text);
  if (control === 'quit') {
    quit = true;
    rl.close();
    return;
  }
  answering = answering.then(async () => {
    if (control === 'clear') {
      if (terminal) console.clear();
    } else if (text) await answer(text);
    if (!closed) rl.prompt();
  });
});

rl.on('close', async () => {
  closed = true;
  await answering;
  await reader?.close();
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
