import { Random } from '../scripts/synthetic/random.js';
import type { KnowledgeBase, Meeting, Quote } from '../src/knowledge/model.js';
import { MONTHS } from '../src/search/dates.js';
import { STOPWORDS } from '../src/search/stopwords.js';
import { foldForSearch } from '../src/text/normalise.js';

/**
 * Benchmark queries, each with the record it is meant to find. A query names its record the way a
 * user would (a place and a month for a meeting, a few remembered words for a quote), in three
 * forms: exact; one typo in every word of four or more letters that names something (function
 * words such as "with" are left alone, the first letter is kept); and, for what is typed into an
 * autocompleted option, the last word cut to a 3–6-character prefix. Records are chosen so that
 * the exact words fit only them: a query with two right answers measures nothing.
 */

export type Form = 'exact' | 'typo' | 'prefix';
export type Kind = 'ask' | 'quote' | 'when' | 'autocomplete';

export interface Query {
  kind: Kind;
  form: Form;
  /** The command as Summit receives it. */
  command: string;
  option: string;
  text: string;
  /** What the naive baseline searches for: the same words. */
  searchText: string;
  target: { type: 'meeting'; record: Meeting } | { type: 'quote'; record: Quote };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A word a typo goes into: four letters or more, and not a function word. */
const isWord = (w: string) => /^\p{L}{4,}$/u.test(w) && !STOPWORDS.has(foldForSearch(w));

/** One edit (swap, drop, double or replace a letter) past the first letter of a word. */
export function typo(word: string, r: Random): string {
  for (;;) {
    const at = r.int(1, word.length - 1);
    const letter = 'aeioulnrst'.charAt(r.int(0, 9));
    const edits = [
      () => word.slice(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.slice(at + 1),
      () => word.slice(0, at) + word.slice(at + 1),
      () => word.slice(0, at) + letter + word.slice(at),
      () => word.slice(0, at) + letter + word.slice(at + 1),
    ];
    const out = r.pick(at === 1 ? edits.slice(1) : edits)();
    if (out.toLowerCase() !== word.toLowerCase()) return out;
  }
}

const withTypos = (text: string, r: Random) =>
  text
    .split(' ')
    .map((w) => (isWord(w) ? typo(w, r) : w))
    .join(' ');

/** The text with its last word cut to a 3–6-character prefix, as while typing; undefined if too short. */
function prefixed(text: string, r: Random): string | undefined {
  const words = text.split(' ');
  const last = words.at(-1) ?? '';
  if (last.length < 4) return undefined;
  const cut = Math.min(last.length - 1, r.int(3, 6));
  return [...words.slice(0, -1), last.slice(0, cut)].join(' ');
}

/**
 * "Bocharov Ruchey September 2019": a meeting's venue (or else its city) and its month, when no
 * other meeting fits those words. A city names every meeting in it, at any of its venues.
 */
function meetingNames(kb: KnowledgeBase): Map<Meeting, { place: string; when: string }> {
  const chainOf = (m: Meeting) => {
    const chain: string[] = [];
    for (let id = m.place?.venue ?? m.place?.city; id; id = kb.place(id)?.within) chain.push(id);
    return chain;
  };
  const whenOf = (m: Meeting) =>
    m.date.month ? `${capitalise(MONTHS[m.date.month - 1] as string)} ${m.date.year}` : String(m.date.year);
  const count = new Map<string, number>();
  for (const m of kb.meetings) {
    for (const id of chainOf(m)) count.set(`${id}|${whenOf(m)}`, (count.get(`${id}|${whenOf(m)}`) ?? 0) + 1);
  }
  const out = new Map<Meeting, { place: string; when: string }>();
  for (const m of kb.meetings) {
    const when = whenOf(m);
    const [first, second] = chainOf(m);
    const id = [first, second].find((p) => p && count.get(`${p}|${when}`) === 1);
    const place = id ? kb.place(id)?.name : undefined;
    if (place && m.kind !== 'planned') out.set(m, { place, when });
  }
  return out;
}

/** A run of 4–6 words from each quote whose search words appear together in no other quote. */
function quoteWindows(kb: KnowledgeBase, r: Random, wanted: number): Map<Quote, string> {
  const tokens = kb.quotes.map((q) => new Set(foldForSearch(q.text).split(' ')));
  const postings = new Map<string, number[]>();
  tokens.forEach((set, i) => {
    for (const t of set) {
      const list = postings.get(t) ?? [];
      list.push(i);
      postings.set(t, list);
    }
  });
  const out = new Map<Quote, string>();
  for (let tries = 0; out.size < wanted && tries < wanted * 4; tries++) {
    const index = r.int(0, kb.quotes.length - 1);
    const quote = kb.quotes[index] as Quote;
    const words = quote.text
      .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
      .split(/\s+/)
      .filter(Boolean);
    if (words.length < 8 || out.has(quote)) continue;
    const length = r.int(4, 6);
    const start = r.int(0, words.length - length);
    const window = words.slice(start, start + length);
    const search = window.map((w) => foldForSearch(w)).filter((w) => w && !STOPWORDS.has(w));
    if (search.length < 3) continue;
    const lists = search.map((w) => postings.get(w) ?? []).sort((a, b) => a.length - b.length);
    const [rarest = [], ...others] = lists;
    const shared = rarest.filter((i) => i !== index && others.every((l) => l.includes(i)));
    if (shared.length === 0) out.set(quote, window.join(' '));
  }
  return out;
}

/** `perKind` queries of each kind, spread evenly over the forms that kind is asked in. */
export function benchmarkQueries(kb: KnowledgeBase, perKind: number, seed = 7): Query[] {
  const r = new Random(seed);
  const meetings = [...meetingNames(kb)];
  const quotes = [...quoteWindows(kb, r, Math.min(perKind, kb.quotes.length))];
  if (meetings.length === 0 || quotes.length === 0) throw new Error('no record can be named alone');
  const queries: Query[] = [];
  // A half-typed word is what autocomplete sees; commands and questions are sent with whole words.
  const forms: Record<Kind, Form[]> = {
    when: ['exact', 'typo'],
    quote: ['exact', 'typo'],
    autocomplete: ['exact', 'typo', 'prefix'],
    ask: ['exact', 'typo'],
  };
  for (const kind of ['ask', 'quote', 'when', 'autocomplete'] as Kind[]) {
    for (let i = 0; i < perKind; i++) {
      const form = forms[kind][i % forms[kind].length] as Form;
      const aboutQuote = kind === 'quote' || (kind !== 'when' && i % 2 === 1);
      const query = aboutQuote
        ? quoteQuery(kind, form, r.pick(quotes), r)
        : meetingQuery(kind, form, r.pick(meetings), r);
      if (query) queries.push(query);
      else i--;
    }
  }
  return queries;
}

function quoteQuery(kind: Kind, form: Form, [record, window]: [Quote, string], r: Random): Query | undefined {
  const words = form === 'exact' ? window : form === 'typo' ? withTypos(window, r) : prefixed(window, r);
  if (!words) return undefined;
  const target = { type: 'quote' as const, record };
  if (kind === 'ask') {
    return {
      kind,
      form,
      command: 'ask',
      option: 'question',
      text: `Who said ${words}?`,
      searchText: `Who said ${words}?`,
      target,
    };
  }
  return { kind, form, command: 'quote', option: 'query', text: words, searchText: words, target };
}

function meetingQuery(
  kind: Kind,
  form: Form,
  [record, { place, when }]: [Meeting, { place: string; when: string }],
  r: Random,
): Query | undefined {
  const target = { type: 'meeting' as const, record };
  const named = form === 'typo' ? `${withTypos(place, r)} ${withTypos(when, r)}` : `${place} ${when}`;
  const words = form === 'prefix' ? prefixed(`${when} ${place}`, r) : named;
  if (!words) return undefined;
  if (kind === 'ask') {
    const [placeWords, whenWords] =
      form === 'typo' ? [withTypos(place, r), withTypos(when, r)] : [place, when];
    return {
      kind,
      form,
      command: 'ask',
      option: 'question',
      text: `When did they meet in ${placeWords} in ${whenWords}?`,
      searchText: `When did they meet in ${placeWords} in ${whenWords}?`,
      target,
    };
  }
  return { kind, form, command: 'when', option: 'query', text: words, searchText: words, target };
}
