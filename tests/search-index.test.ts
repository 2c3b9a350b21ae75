import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKnowledge } from '../scripts/synthetic/generate.js';
import { Engine, type MeetingFilter } from '../src/engine/engine.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Meeting } from '../src/knowledge/model.js';
import { distanceFrom } from '../src/search/bit-distance.js';
import { Bm25Index } from '../src/search/bm25.js';
import { dateMatches } from '../src/search/dates.js';
import { STOPWORDS } from '../src/search/stopwords.js';
import { type Field, type Hit, searchWords, TextIndex } from '../src/search/text-index.js';
import { allowedEdits, editDistance, Vocabulary } from '../src/search/vocabulary.js';
import { tokenize } from '../src/text/normalise.js';
import { engine as realEngine } from './support/summit.js';

/**
 * The indexes that make Summit fast at scale must answer exactly as the plain algorithms they
 * replace: every record scored, every meeting checked, every term compared.
 */

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ra', 'so', 'tu', 'vi', 'ze', 'ba', 'rd', 'st'];
const word = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 5 }).map((s) => s.join(''));

/** A word as typed: as it is, with a letter replaced, dropped, added or swapped, or cut short. */
const typedFrom = (words: fc.Arbitrary<string>) =>
  fc.oneof(
    words,
    fc.tuple(words, fc.nat(), fc.constantFrom('a', 'e', 'x', ''), fc.boolean()).map(([w, at, c, add]) => {
      const i = at % w.length;
      return w.slice(0, i) + c + w.slice(add ? i : i + 1);
    }),
    fc.tuple(words, fc.nat()).map(([w, at]) => {
      const i = at % Math.max(1, w.length - 1);
      return w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
    }),
    fc.tuple(words, fc.integer({ min: 1, max: 6 })).map(([w, n]) => w.slice(0, n)),
  );

/** Known terms, and a word typed near one of them (or any word). */
const vocabularyAndToken = fc
  .uniqueArray(word, { minLength: 1, maxLength: 300 })
  .chain((terms) => fc.tuple(fc.constant(terms), typedFrom(fc.oneof(fc.constantFrom(...terms), word))));

describe('Bm25Index.searchAmong', () => {
  it('returns the hits of a whole search when the candidates hold every passage the filter takes', () => {
    // Few words, so that many passages tie: which of equal scores is kept must not change either.
    const terms = ['ka', 'lo', 'mi', 'ne', 'ra', 'so'];
    const passage = fc.array(fc.constantFrom(...terms), { minLength: 1, maxLength: 8 });
    const group = fc.array(
      fc.record({ term: fc.constantFrom(...terms, 'zz'), weight: fc.constantFrom(1, 0.9, 0.5, 0.25) }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(
        fc.array(passage, { minLength: 1, maxLength: 60 }),
        fc.array(group, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        (passages, groups, limit, every) => {
          const index = Bm25Index.build(passages);
          const within = (i: number) => i % every === 0;
          const candidates = passages.map((_, i) => i).filter(within);
          expect(index.searchAmong(groups, limit, candidates, within)).toEqual(
            index.search(groups, limit, within),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('distanceFrom', () => {
  it('measures the same edit distance as the table, for words up to 31 letters', () => {
    const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: max });
    fc.assert(
      fc.property(text(31), text(40), (a, b) => {
        expect(distanceFrom(a)(b)).toBe(editDistance(a, b, 100));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Vocabulary', () => {
  it('finds exactly the known terms within the allowed edits of a word', () => {
    fc.assert(
      fc.property(vocabularyAndToken, ([terms, token]) => {
        const vocabulary = new Vocabulary(terms);
        const edits = allowedEdits(token.length);
        fc.pre(edits > 0);
        const expected = [...new Set(terms)].sort().filter((t) => editDistance(token, t, edits) <= edits);
        expect(vocabulary.near(token, edits)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a correction whose only shared trigrams are the most common ones of the word', () => {
    // "abdcef" keeps four of its eight trigrams in "abcdef", the four every decoy shares; its four
    // rarest trigrams are in other words only.
    const decoys = ['abdxyz', 'xbdcyz', 'xdcexy', 'xycefz', 'abxyef', 'abzyef', 'abyxef', 'abqqef', 'abrref'];
    expect(new Vocabulary(['abcdef', ...decoys]).near('abdcef', 1)).toEqual(['abcdef']);
  });

  it('finds the corrections of a word made of one repeated trigram', () => {
    const terms = [
      '1700000000',
      '170000000',
      '17000000000',
      '1700000001',
      '2700000000',
      '1000000000',
      '17',
      'aaaaaaaaaa',
    ];
    const expected = terms
      .map((t) => [t, editDistance('1700000000', t, 2)] as const)
      .filter(([, d]) => d <= 2)
      .map(([t]) => t)
      .sort();
    expect(new Vocabulary(terms).near('1700000000', 2)).toEqual(expected);
    expect(new Vocabulary(['aaaaaaaab', 'aaaaaaa', 'abababab']).near('aaaaaaaa', 2)).toEqual([
      'aaaaaaa',
      'aaaaaaaab',
    ]);
  });

  it('corrects a typo to every term fuse.js found among all the terms at the fewest edits, and maybe more', () => {
    const options = { includeScore: true, threshold: 0.4, ignoreLocation: true };
    fc.assert(
      fc.property(vocabularyAndToken, ([terms, token]) => {
        const allowed = allowedEdits(token.length);
        fc.pre(allowed > 0 && !terms.includes(token));
        // Two edits only when no term is one away.
        const edits = terms.some((t) => editDistance(token, t, 1) <= 1) ? 1 : allowed;
        const sorted = [...terms].sort();
        const before = new Fuse(sorted, options)
          .search(token, { limit: 12 })
          .map((r) => r.item)
          .filter((t) => editDistance(token, t, edits) <= edits);
        const now = new Vocabulary(terms).expand(token).map((e) => e.term);
        for (const term of before) expect(now).toContain(term);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('TextIndex, for the best few of many', () => {
  const weights = fc.constantFrom(3, 2.5, 2, 1.5, 1.2, 1, 0.6, 0.5, 0.4);
  const common = ['kala', 'minora', 'sovetu'];
  // Many records hold the common words; a few hold a rare word too: a query for a rare word and
  // common ones lets the search stop reading the common words' long lists.
  const records = fc.array(
    fc.record({
      common: fc.subarray(common, { minLength: 1 }),
      weight: weights,
      rare: fc.option(
        fc.record({ text: fc.constantFrom('zorbitak', 'velumira', 'stakrino'), weight: weights }),
        {
          freq: 8,
          nil: undefined,
        },
      ),
    }),
    { minLength: 20, maxLength: 200 },
  );

  it('ranks exactly as scoring every matching record, also when it skips the common words', () => {
    fc.assert(
      fc.property(
        records,
        fc.subarray([...common, 'zorbitak', 'velumira', 'stakrino', 'kalx'], { minLength: 2 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        (list, query, limit, misses) => {
          const docs = list.map((r, item) => ({
            item,
            fields: [{ text: r.common.join(' '), weight: r.weight }, ...(r.rare ? [r.rare] : [])],
          }));
          const vocabulary = new Vocabulary(
            new Set([...STOPWORDS, ...common, 'zorbitak', 'velumira', 'stakrino']),
          );
          const index = TextIndex.build(() => vocabulary, docs);
          const options = { limit, prefixLast: false, misses };
          expect(index.search(query, options).hits).toEqual(reference(docs, vocabulary, query, options));
        },
      ),
      { numRuns: 800 },
    );
  });
});

/** The ranking as first written: every matching record scored in a map, then sorted. */
function reference(
  docs: { item: number; fields: Field[] }[],
  vocabulary: Vocabulary,
  words: string[],
  options: { limit: number; prefixLast: boolean; within?: Set<number>; leaders?: number; misses?: number },
): Hit<number>[] {
  const postings = new Map<string, Map<number, number>>();
  docs.forEach(({ fields }, doc) => {
    for (const field of fields) {
      for (const term of tokenize(field.text)) {
        const list = postings.get(term) ?? new Map<number, number>();
        postings.set(term, list);
        if ((list.get(doc) ?? 0) < field.weight) list.set(doc, field.weight);
      }
    }
  });
  const scores = new Map<number, { score: number; weight: number; matched: number }>();
  let known = 0;
  words.forEach((w, position) => {
    const expansions = vocabulary.expand(w, { prefix: options.prefixLast && position === words.length - 1 });
    if (expansions.some(({ term }) => !STOPWORDS.has(term) && postings.has(term))) known++;
    const best = new Map<number, { score: number; weight: number }>();
    for (const { term, quality } of expansions) {
      if (STOPWORDS.has(term)) continue;
      const list = postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + docs.length / list.size);
      for (const [doc, weight] of list) {
        const score = weight * quality * idf;
        if (score > (best.get(doc)?.score ?? 0)) best.set(doc, { score, weight: weight * quality });
      }
    }
    for (const [doc, value] of best) {
      const entry = scores.get(doc) ?? { score: 0, weight: 0, matched: 0 };
      entry.score += value.score;
      entry.weight += value.weight;
      entry.matched += 1;
      scores.set(doc, entry);
    }
  });
  let hits = [...scores]
    .filter(([doc]) => !options.within || options.within.has(doc))
    .map(([doc, { score, weight, matched }]) => ({
      item: doc,
      score: score * (matched / words.length),
      weight,
      matched,
    }))
    .sort((a, b) => b.score - a.score);
  // As many words as `misses` allows, or as many as any record matches.
  const most = Math.max(0, ...hits.map((h) => h.matched));
  const need = Math.min(most, Math.max(1, known - (options.misses ?? known)));
  hits = hits.filter((h) => h.matched >= need);
  const [top] = hits;
  const kept =
    options.leaders === undefined || !top
      ? hits
      : hits.filter((h) => h.matched === top.matched && h.score >= top.score * (options.leaders as number));
  return kept.slice(0, options.limit);
}

describe('TextIndex', () => {
  const weights = fc.constantFrom(3, 2.5, 2, 1.5, 1.2, 1, 0.6, 0.5, 0.4);
  // Words in most records beside words in a few: what lets a search skip the common ones.
  const common = fc.constantFrom('kala', 'minora', 'sovetu', 'babaze', 'tu');
  const text = fc
    .array(fc.oneof({ weight: 3, arbitrary: common }, { weight: 1, arbitrary: word }), { maxLength: 6 })
    .map((w) => w.join(' '));
  const doc = fc.array(fc.record({ text, weight: weights }), { minLength: 1, maxLength: 3 });
  const rare = fc.option(fc.record({ text: word, weight: weights }), { nil: undefined });

  // Records drawn from a few shapes, so that many score the same and their order is tested too,
  // some with a rare word of their own.
  const docs = fc
    .tuple(
      fc.array(doc, { minLength: 1, maxLength: 8 }),
      fc.array(fc.record({ shape: fc.nat(), rare }), { minLength: 1, maxLength: 150 }),
    )
    .map(([shapes, picks]) =>
      picks.map(({ shape, rare }) => [
        ...(shapes[shape % shapes.length] as Field[]),
        ...(rare ? [rare] : []),
      ]),
    );

  it('ranks exactly as scoring every matching record and sorting them', () => {
    fc.assert(
      fc.property(
        docs.chain((d) => {
          const known = [
            ...new Set(d.flatMap((fields) => fields.flatMap((f) => f.text.split(' ')).filter(Boolean))),
          ];
          const words = known.length ? fc.oneof(fc.constantFrom(...known), word) : word;
          return fc.tuple(fc.constant(d), fc.array(typedFrom(words), { minLength: 1, maxLength: 4 }));
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.option(fc.double({ min: 0.1, max: 1, noNaN: true }), { nil: undefined }),
        fc.option(fc.array(fc.nat(), { maxLength: 40 }), { nil: undefined }),
        ([fieldsList, query], limit, prefixLast, leaders, pick) => {
          const docs = fieldsList.map((fields, item) => ({ item, fields }));
          const terms = new Set([
            ...STOPWORDS,
            ...docs.flatMap((d) => d.fields.flatMap((f) => tokenize(f.text))),
          ]);
          const vocabulary = new Vocabulary(terms);
          const index = TextIndex.build(() => vocabulary, docs);
          const within = pick && new Set(pick.map((n) => n % docs.length));
          const words = searchWords(query.join(' '));
          const options = {
            limit,
            prefixLast,
            ...(within && { within }),
            ...(leaders !== undefined && { leaders }),
          };
          const expected = reference(docs, vocabulary, words, options);
          expect(index.search(words, options).hits).toEqual(expected);
          // The same pool as a test asked of each record met gives the same hits.
          if (within) {
            const asked = { ...options, within: (item: number) => within.has(item) };
            expect(index.search(words, asked).hits).toEqual(expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Meetings that satisfy a filter, checked one by one as the filter was first written. */
function everyMeeting(engine: Engine, filter: MeetingFilter): Meeting[] {
  const chosen = filter.meetings?.length ? new Set(filter.meetings.map((m) => m.id)) : undefined;
  return engine.kb.meetings.filter((m) => {
    if (chosen && !chosen.has(m.id)) return false;
    const chain = engine.placeChain(m.place);
    if (filter.places?.length && !filter.places.some((p) => chain.includes(p.id))) return false;
    if (filter.topics?.length && !filter.topics.every((t) => engine.topicsOf(m).has(t.id))) return false;
    if (filter.people?.length && !filter.people.every((p) => engine.peopleOf(m).has(p.id))) return false;
    return !filter.dates || dateMatches(m.date, filter.dates);
  });
}

const temp = mkdtempSync(join(tmpdir(), 'summit-search-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('Engine.filterMeetings', () => {
  const synthetic = () => {
    const dir = join(temp, 'synthetic');
    generateKnowledge(dir, { meetings: 300, seed: 5 });
    return new Engine(loadKnowledge(dir));
  };

  it.each([
    ['the real fact base', () => realEngine()],
    ['a synthetic one', synthetic],
  ])('finds the same meetings as checking every one, in %s', (_name, make) => {
    const engine = make();
    const { kb } = engine;
    const some = <T>(items: T[]) => fc.subarray(items, { maxLength: 2 });
    const years = [...new Set(kb.meetings.map((m) => m.date.year))];
    const filter = fc.record(
      {
        places: some(kb.places),
        topics: some(kb.topics),
        people: some(kb.people),
        meetings: some(kb.meetings.slice(0, 30)),
        dates: fc.oneof(
          fc.constantFrom(...years).map((year) => ({ year, rest: '' })),
          fc.constantFrom(...years).map((after) => ({ after, rest: '' })),
          fc
            .tuple(fc.constantFrom(...years), fc.integer({ min: 1, max: 12 }))
            .map(([year, month]) => ({ year, month, rest: '' })),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, (f) => {
        expect(engine.filterMeetings(f)).toEqual(everyMeeting(engine, f));
      }),
      { numRuns: 400 },
    );
  });
});
