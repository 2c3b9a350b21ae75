import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { normaliseForComparison } from '../text/normalise.js';
import { spansIn } from './evidence.js';
import { ARTICLES_FOLDER, COLLECTION_FILES } from './files.js';
import {
  between,
  type KnowledgeBase,
  type KnowledgeEvent,
  type KnownDate,
  type Meeting,
  newestFirst,
  type Source,
  toKnownDate,
  withLookups,
} from './model.js';
import { readPlainYamlList } from './plain-yaml.js';
import { checkReferences, type ParsedCollections } from './references.js';
import { type CollectionName, collectionSchemas, type RawRecord } from './schema.js';

/**
 * The YAML parser, loaded on first use: a start from a snapshot (see snapshot.ts) never parses
 * YAML, and should not pay for loading the parser either.
 */
function yaml(): typeof Yaml {
  return createRequire(import.meta.url)('yaml') as typeof Yaml;
}

/**
 * Aliases a collection may expand (yaml's own default, stated here because it is what bounds a
 * "billion laughs" file): hand-written records never need more.
 */
const MAX_ALIAS_COUNT = 100;

const OUTSIDE = 'refused: it leads outside the knowledge folder (through a symlink or "..")';

/**
 * Whether a path, symlinks resolved, stays within the folder (itself resolved). Links inside it
 * are fine: mounted volumes swap a symlink to a sibling folder on every update.
 */
function isInside(dir: string, path: string): boolean {
  const root = realpathSync(dir);
  const target = realpathSync(path);
  return target.startsWith(root.endsWith(sep) ? root : root + sep);
}

export interface KnowledgeProblem {
  file: string;
  /** Where in the file, as a record path: `[3].date.value`, with the record id when known. */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the fact base:\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'KnowledgeError';
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  const at = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${at} ${p.path || '(file)'}: ${p.message}`;
}

/** Every problem on its own file:line, then the count: what `knowledge:check` and the build print. */
export function problemReport(dir: string, problems: KnowledgeProblem[]): string {
  return [
    ...problems.map(formatProblem),
    `knowledge:check failed: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}`,
  ].join('\n');
}

interface ParsedFile<C extends CollectionName> {
  records: RawRecord<C>[];
  /** Ids of records that failed the schema: references to them are not reported again as unknown. */
  invalidIds: string[];
  /** False when the file could not be read as a list at all: references into it cannot be checked. */
  readable: boolean;
  locate(path: (string | number)[]): { line?: number; column?: number };
}

function parseCollection<C extends CollectionName>(
  dir: string,
  name: C,
  problems: KnowledgeProblem[],
  hash: ReturnType<typeof createHash>,
): ParsedFile<C> {
  const file = COLLECTION_FILES[name];
  const nowhere = { records: [], invalidIds: [], readable: false, locate: () => ({}) };
  const full = join(dir, file);
  if (!existsSync(full)) {
    problems.push({ file, path: '', message: `missing file (expected at ${full})` });
    return nowhere;
  }
  if (!isInside(dir, full)) {
    problems.push({ file, path: '', message: OUTSIDE });
    return nowhere;
  }
  const source = readFileSync(full, 'utf8');
  hash.update(file).update(source);
  const { isMap, isSeq, LineCounter, parseDocument } = yaml();
  const schema = collectionSchemas()[name].schema;
  const lineCounter = new LineCounter();
  let parsed: Yaml.Document | undefined;
  // The full parse is what reports YAML mistakes and locates problems; a file in plain form
  // needs it only when one of its records has a problem.
  const fullDocument = () => {
    parsed ??= parseDocument(source, { lineCounter, prettyErrors: false });
    return parsed;
  };
  const plain = readPlainYamlList(source);
  if (!plain) {
    const doc = fullDocument();
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      problems.push({
        file,
        path: '',
        line: pos.line,
        column: pos.col,
        message: `not valid YAML: ${error.message}`,
      });
    }
    if (doc.errors.length > 0) return nowhere;
  }

  const locate = (path: (string | number)[]) => {
    const doc = fullDocument();
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return {};
  };

  if (!plain && !isSeq(fullDocument().contents)) {
    problems.push({ file, path: '', ...locate([]), message: 'the file must hold a list of records' });
    return nowhere;
  }
  let raw: unknown[];
  try {
    raw = plain ?? (fullDocument().toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown[]);
  } catch (error) {
    // yaml refuses a document whose aliases would expand past the count (a "billion laughs").
    if (!(error instanceof ReferenceError)) throw error;
    problems.push({ file, path: '', message: `too many aliases: ${error.message}` });
    return nowhere;
  }
  const isMapping = (index: number) => {
    if (plain) return true;
    const contents = fullDocument().contents;
    return isMap(isSeq(contents) ? contents.items[index] : undefined);
  };
  const records: RawRecord<C>[] = [];
  const invalidIds: string[] = [];
  raw.forEach((item, index) => {
    const result = (schema as z.ZodType).safeParse(item);
    if (result.success) {
      records.push(result.data as RawRecord<C>);
      return;
    }
    const id = isMapping(index) ? (item as { id?: unknown }).id : undefined;
    if (typeof id === 'string') invalidIds.push(id);
    for (const issue of result.error.issues) {
      const path = [index, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      // An unknown key is shown at the key itself, not at the start of its record.
      const at = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
      problems.push({ file, path: recordPath(path, id), ...locate(at), message: describeIssue(issue) });
    }
  });
  return { records, invalidIds, readable: true, locate };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.at(-1);
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message) && field !== undefined) {
    return `missing required field "${String(field)}"`;
  }
  return issue.message;
}

/** `[3].date.value (paris-2015)`: the index for the file, the id for the reader. */
export function recordPath(path: (string | number)[], id?: unknown): string {
  const [index, ...rest] = path;
  const tail = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  const who = typeof id === 'string' ? ` (${id})` : '';
  return `[${index}]${tail}${who}`;
}

export interface CheckResult {
  knowledge?: KnowledgeBase;
  problems: KnowledgeProblem[];
}

/** Reads and validates a fact base folder; never throws for a problem in the data. */
export function checkKnowledge(dirInput: string): CheckResult {
  const dir = resolve(dirInput);
  const problems: KnowledgeProblem[] = [];
  if (!existsSync(dir)) {
    return {
      problems: [{ file: dir, path: '', message: 'the knowledge folder does not exist (set KNOWLEDGE_DIR)' }],
    };
  }
  const hash = createHash('sha256');
  const files = {} as { [C in CollectionName]: ParsedFile<C> };
  for (const name of Object.keys(COLLECTION_FILES) as CollectionName[]) {
    (files as Record<CollectionName, unknown>)[name] = parseCollection(dir, name, problems, hash);
  }

  const articles = new Map<string, string>();
  files.sources.records.forEach((record, index) => {
    const path = join(dir, ARTICLES_FOLDER, record.file);
    if (existsSync(path) && !isInside(dir, path)) {
      problems.push({
        file: COLLECTION_FILES.sources,
        path: recordPath([index, 'file'], record.id),
        ...files.sources.locate([index, 'file']),
        message: `articles/${record.file}: ${OUTSIDE}`,
      });
      return;
    }
    if (!existsSync(path)) {
      problems.push({
        file: COLLECTION_FILES.sources,
        path: recordPath([index, 'file'], record.id),
        ...files.sources.locate([index, 'file']),
        message: `article file not found: articles/${record.file}`,
      });
      return;
    }
    const text = readFileSync(path, 'utf8');
    hash.update(record.file).update(text);
    articles.set(record.id, text);
  });

  const parsed: ParsedCollections = Object.fromEntries(
    (Object.keys(files) as CollectionName[]).map((name) => [name, files[name].records]),
  ) as ParsedCollections;
  const normalisedArticles = new Map([...articles].map(([id, text]) => [id, normaliseForComparison(text)]));
  const names = Object.keys(files) as CollectionName[];
  const known = {
    invalidIds: Object.fromEntries(names.map((n) => [n, files[n].invalidIds])) as Record<
      CollectionName,
      string[]
    >,
    unreadable: new Set(names.filter((n) => !files[n].readable)),
  };
  for (const issue of checkReferences(parsed, normalisedArticles, known)) {
    const file = files[issue.collection];
    problems.push({
      file: COLLECTION_FILES[issue.collection],
      path: recordPath(issue.path, parsed[issue.collection][issue.path[0] as number]?.id),
      ...file.locate(issue.path),
      message: issue.message,
    });
  }

  if (problems.length > 0) return { problems };
  return { problems, knowledge: build(dir, hash.digest('hex').slice(0, 12), parsed) };
}

/** Loads a fact base, or throws a KnowledgeError that lists every problem. */
export function loadKnowledge(dir: string): KnowledgeBase {
  const { knowledge, problems } = checkKnowledge(dir);
  if (!knowledge) throw new KnowledgeError(problems);
  return knowledge;
}

/** The source ids a record cites anywhere, in order of first citation. */
function citedSources(record: unknown): string[] {
  return [...new Set(spansIn(record).map((span) => span.source))];
}

function build(dir: string, version: string, raw: ParsedCollections): KnowledgeBase {
  const sources: Source[] = raw.sources.map((s) => ({
    ...s,
    published: toKnownDate({
      ...s.published,
      evidence: s.published.evidence.map((e) => ({ ...e, source: s.id })),
    }),
  }));
  const dated = new Map(raw.meetings.map((m) => [m.id, toKnownDate(m.date)]));
  const datesOf = (ids: string[] = []) => ids.flatMap((id) => dated.get(id) ?? []);
  const meetings: Meeting[] = raw.meetings
    .map((m) => ({
      ...m,
      date: between(dated.get(m.id) as KnownDate, datesOf(m.date.after), datesOf(m.date.before)),
      sources: citedSources(m),
    }))
    .sort(newestFirst);
  const events: KnowledgeEvent[] = raw.events
    .map((e) => ({ ...e, date: toKnownDate(e.date), sources: citedSources(e) }))
    .sort(newestFirst);
  const quotes = raw.quotes.map(({ date, ...q }) => ({ ...q, ...(date && { date: toKnownDate(date) }) }));
  return withLookups({
    dir,
    version,
    sources: plain(sources),
    people: plain(raw.people),
    places: plain(raw.places),
    topics: plain(raw.topics),
    meetings: plain(meetings),
    events: plain(events),
    quotes: plain(quotes),
  });
}

/**
 * The records copied as plain data. Objects out of the schema validator are slow to read (at a
 * hundred thousand meetings, one pass over them costs milliseconds instead of a fraction of one);
 * copies made the way JSON is parsed are fast, and are exactly what a snapshot gives back.
 */
function plain<T>(records: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < records.length; i += PLAIN_CHUNK) {
    out.push(...(JSON.parse(JSON.stringify(records.slice(i, i + PLAIN_CHUNK))) as T[]));
  }
  return out;
}

/** Records copied at a time: a single JSON text of a large fact base would pass the longest string. */
const PLAIN_CHUNK = 5_000;
