import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildLexicon,
  foldQuestion,
  isFunctionWord,
  isRelationOnly,
  isStopWord,
  type Lexicon,
  prepareEnglish,
} from '../src/language/index.js';
import { decodeWord, encodeWord, PART_BITS } from '../src/language/word-entry.js';
import { runs } from './support/property-runs.js';

/**
 * The language layer on the real fact base: every word of its articles and records is its
 * vocabulary, and questions are read against it the way members type them.
 */

const KNOWLEDGE = resolve(import.meta.dirname, '../knowledge');
const vocabulary = (): string[] => [
  ...readdirSync(join(KNOWLEDGE, 'articles')).map((f) =>
    readFileSync(join(KNOWLEDGE, 'articles', f), 'utf8'),
  ),
  ...readdirSync(KNOWLEDGE)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(join(KNOWLEDGE, f), 'utf8')),
];

let lexicon: Lexicon;
beforeAll(() => {
  // Derived once per installation (the build does it); seconds on a busy machine otherwise.
  prepareEnglish();
  lexicon = buildLexicon(vocabulary(), { SUMMIT_SNAPSHOTS: 'off' });
}, 120_000);

const weightOf = (word: string, term: string) => lexicon.expand(word).find((e) => e.term === term)?.weight;

describe('lemmas, from wink-nlp’s English model', () => {
  it.each([
    ['flew', 'fly'],
    ['flown', 'fly'],
    ['allies', 'ally'],
    ['wants', 'want'],
    ['talks', 'talk'],
    ['met', 'meet'],
    ['spoke', 'speak'],
    ['said', 'say'],
    ['children', 'child'],
    ['better', 'good'],
    ['held', 'hold'],
    ['countries', 'country'],
  ])('%s → %s', (word, lemma) => {
    expect(lexicon.lemma(word)).toBe(lemma);
  });

  it('keeps a lemma, and a name the articles use, as it is', () => {
    expect(lexicon.lemma('meet')).toBe('meet');
    expect(lexicon.lemma('netanyahu')).toBe('netanyahu');
  });

  it('finds the lemma of an inflection no table lists by WordNet’s suffix rules', () => {
    // "hosted" is too rare in SUBTLEX-US to be listed; "host" is a WordNet lemma.
    expect(lexicon.lemma('hosted')).toBe('host');
  });
});

describe('what a word can mean in the articles', () => {
  it('ranks the word itself first, then its other forms in the articles', () => {
    const met = lexicon.expand('met');
    expect(met[0]).toEqual({ term: 'met', weight: 1 });
    expect(weightOf('met', 'meet')).toBe(0.9);
    expect(weightOf('allies', 'allies')).toBe(1);
    expect(weightOf('ally', 'allies')).toBe(0.9);
  });

  it.each([
    ['weapons', 'arms'],
    ['chat', 'talk'],
    ['boss', 'leader'],
    ['respond', 'response'],
  ])('%s can mean %s (a WordNet relation), weighted below an exact word', (word, term) => {
    const weight = weightOf(word, term);
    expect(weight).toBeGreaterThanOrEqual(0.4);
    expect(weight).toBeLessThanOrEqual(0.7);
  });

  it('returns only words of the articles for a word they do not use, or nothing', () => {
    expect(lexicon.expand('weather')).toEqual([]);
    expect(lexicon.expand('london')).toEqual([]);
    expect(lexicon.expand('qwzxv')).toEqual([]);
    for (const { term } of lexicon.expand('weapons')) expect(lexicon.inCorpus(term)).toBe(true);
  });

  it('reads a number as its ordinal where the articles count so, and an ordinal as no number', () => {
    // "This was the 13th meeting": "their 13 meetings" are the same meetings.
    expect(lexicon.expand('13').map((e) => e.term)).toEqual(['13th']);
    expect(lexicon.expand('2nd').map((e) => e.term)).not.toContain('2');
  });

  it('reads a phrasal verb WordNet lists as one lemma as that lemma’s meaning ("set up" → established)', () => {
    expect(weightOf('set_up', 'established')).toBeGreaterThanOrEqual(0.6);
    expect(weightOf('set_up', 'established')).toBeLessThan(1);
    expect(lexicon.expand('set_zzz')).toEqual([]);
  });
});

describe('chat shorthand and typos in ordinary words', () => {
  it.each([
    ['u', 'you'],
    ['abt', 'about'],
    ['plz', 'please'],
    ['thx', 'thanks'],
    ['oct', 'october'],
  ])('%s is shorthand for %s (the chat abbreviations of English)', (word, meant) => {
    expect(weightOf(word, meant)).toBe(0.8);
    expect(lexicon.isEnglish(word)).toBe(true);
  });

  it('spells shorthand out in order, and leaves a word that is none alone', () => {
    expect(lexicon.spellOut('idk')).toEqual(['i', 'do', 'not', 'know']);
    expect(lexicon.spellOut('abt')).toEqual(['about']);
    expect(lexicon.spellOut('meeting')).toBeUndefined();
  });

  it('reads laughter as shorthand that means nothing, not as a typo', () => {
    expect(lexicon.expand('lol')).toEqual([]);
    expect(lexicon.isEnglish('lol')).toBe(true);
  });

  it.each([
    ['whta', 'what'],
    ['wen', 'when'],
    ['netanyhu', 'netanyahu'],
    ['meetng', 'meeting'],
  ])('%s is corrected to %s, the commonest word one slip away, weighted low', (word, meant) => {
    expect(lexicon.correct(word)).toBe(meant);
    expect(weightOf(word, meant)).toBe(0.4);
  });

  it('reads two words written as one as both (a hyphenated name folded, a missing space)', () => {
    expect(lexicon.expand('netanyahuputin').map((e) => e.term)).toEqual(
      expect.arrayContaining(['netanyahu', 'putin']),
    );
    expect(lexicon.expand('climateconference').map((e) => e.term)).toEqual(
      expect.arrayContaining(['climate', 'conference']),
    );
  });

  it('leaves common words alone, however close a commoner one is', () => {
    expect(lexicon.correct('ally')).toBeUndefined();
    expect(lexicon.correct('met')).toBeUndefined();
    expect(lexicon.correct('hosted')).toBeUndefined();
  });
});

describe('any word at all', () => {
  it('is expanded, lemmatised and judged without throwing, into words of the articles or English', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        for (const word of foldQuestion(text).split(' ').filter(Boolean)) {
          for (const { term, weight } of lexicon.expand(word)) {
            expect(weight).toBeGreaterThan(0);
            expect(weight).toBeLessThanOrEqual(1);
            expect(lexicon.inCorpus(term) || lexicon.isEnglish(term), term).toBe(true);
          }
          expect(typeof lexicon.lemma(word)).toBe('string');
          expect(typeof lexicon.isEnglish(word)).toBe('boolean');
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('ordinary English and names', () => {
  it('tells ordinary words from names and from what is no word at all', () => {
    for (const word of ['weather', 'supposed', 'mentioned', 'trying', 'purpose', 'raise', 'whta']) {
      expect(lexicon.isEnglish(word), word).toBe(true);
    }
    for (const word of ['london', 'ukraine', 'netanyahu', 'sochi', 'qwzxv']) {
      expect(lexicon.isEnglish(word), word).toBe(false);
    }
  });

  it('finds a people’s country by its adjective, however rarely films say it', () => {
    for (const [adjective, country] of [
      ['israeli', 'israel'],
      ['syrian', 'syria'],
      ['iranian', 'iran'],
      ['turkish', 'turkey'],
    ] as const)
      expect(weightOf(adjective, country), adjective).toBeGreaterThanOrEqual(0.7);
  });

  it('knows the names of the articles that are of the kind of one they never use', () => {
    expect(lexicon.sameKind('passover')).toEqual(expect.arrayContaining(['hannukah', 'chanukah']));
    expect(lexicon.sameKind('london')).toEqual(expect.arrayContaining(['paris', 'moscow']));
    expect(lexicon.sameKind('hezbollah')).toContain('hamas');
    // "let" is a name to WordNet (an army), not in the articles; Trump is not in WordNet.
    expect(lexicon.sameKind('hezbollah')).not.toContain('let');
    expect(lexicon.sameKind('trump')).toEqual([]);
  });

  it("gives WordNet opposites, also through a narrower word, but never through a broad noun's kinds", () => {
    const opposites = (word: string) => lexicon.opposites(word).map((o) => o.term);
    expect(opposites('war')).toContain('peace');
    // "foe", a kind of rival, is opposed by "ally"; "depart", a kind of leaving, by "stay".
    expect(opposites('rival')).toContain('allies');
    expect(opposites('stay')).toContain('left');
    // "Person" has 400 kinds, "nonmember" among them; "leader" and "follower" are both persons.
    expect(opposites('person')).toEqual([]);
    expect(opposites('leader')).toEqual([]);
  });

  it('knows the verbs WordNet makes a kind of greeting', () => {
    expect(lexicon.isGreeting('wish')).toBe(true);
    expect(lexicon.isGreeting('wished')).toBe(true);
    expect(lexicon.isGreeting('welcome')).toBe(true);
    expect(lexicon.isGreeting('shoot')).toBe(false);
  });

  it('knows a noun WordNet defines as a number of something, and no noun whose definition only mentions one', () => {
    expect(lexicon.numberDefinition('centennial')).toBe('the 100th anniversary');
    expect(lexicon.numberDefinition('decades')).toBe('a period of 10 years');
    // "a natural number that has exactly two distinct natural number divisors: 1 and itself"
    expect(lexicon.numberDefinition('prime')).toBeUndefined();
    expect(lexicon.numberDefinition('putin')).toBeUndefined();
  });

  it('gives parts of speech: names, function words, content words', () => {
    expect(lexicon.partOfSpeech('london')).toBe('proper');
    expect(lexicon.partOfSpeech('sochi')).toBe('proper');
    expect(lexicon.partOfSpeech('the')).toBe('function');
    // Function words that say how things relate (WordNet's adverbs too), not those that only join.
    for (const word of ['before', 'after', 'on']) expect(lexicon.isRelationWord(word), word).toBe(true);
    for (const word of ['of', 'the', 'at', 'early']) expect(lexicon.isRelationWord(word), word).toBe(false);
    expect(lexicon.partOfSpeech('respond')).toBe('verb');
    expect(lexicon.partOfSpeech('purpose')).toBe('noun');
    // Forms WordNet does not list take wink-nlp's tag; stop words that are not function words keep theirs.
    expect(lexicon.partOfSpeech('flew')).toBe('verb');
    expect(lexicon.partOfSpeech('met')).toBe('verb');
    expect(lexicon.partOfSpeech('first')).not.toBe('function');
    expect(lexicon.partOfSpeech('qwzxv')).toBeUndefined();
    // Shorthand and typos are the words they stand for.
    expect(lexicon.partOfSpeech('n')).toBe('function');
    expect(lexicon.partOfSpeech('u')).toBe('function');
    expect(lexicon.partOfSpeech('whta')).toBe('function');
    expect(lexicon.partOfSpeech('lol')).toBe('function');
  });

  it('takes stop words from wink-nlp, and function words by their tag', () => {
    for (const word of ['the', 'what', 'about', 'when', 'is', 'you']) {
      expect(isStopWord(word), word).toBe(true);
      expect(isFunctionWord(word), word).toBe(true);
    }
    // Stop words in wink-nlp's list that still carry content in a question.
    expect(isStopWord('first')).toBe(true);
    expect(isFunctionWord('first')).toBe(false);
    for (const word of ['purpose', 'role', 'reason', 'sochi', 'meeting']) {
      expect(isStopWord(word), word).toBe(false);
    }
    // Only how things relate ("between", "with"), unlike words WordNet also gives content ("down").
    for (const word of ['between', 'with', 'around']) expect(isRelationOnly(word), word).toBe(true);
    for (const word of ['down', 'up', 'out', 'sochi']) expect(isRelationOnly(word), word).toBe(false);
  });
});

describe('folding, alike for questions and articles', () => {
  it.each([
    ["Netanyahu's", 'netanyahu'],
    ['Netanyahu’s', 'netanyahu'],
    ["the leaders' talks", 'the leaders talks'],
    ["Ya'alon", 'yaalon'],
    ['Café', 'cafe'],
    ['Sochi\u00a0• Moscow…', 'sochi moscow'],
  ])('possessives, apostrophes and accents: %s → %s', (text, folded) => {
    expect(foldQuestion(text)).toBe(folded);
  });

  it.each(['WW1', 'WWI', 'World War I', 'world war one', 'WW 1', 'the First World War', '1st world war'])(
    'World War I however written: %s',
    (text) => {
      expect(foldQuestion(text).replace(/^the /, '')).toBe('world war 1');
    },
  );

  it.each([
    ['seven', '7'],
    ['7', '7'],
    ['third', '3rd'],
    ['3rd', '3rd'],
    ['twenty-five', '25'],
    ['twenty five', '25'],
    ['twenty-fifth', '25th'],
    ['two hundred', '200'],
  ])('numbers in digits: %s → %s', (text, folded) => {
    expect(foldQuestion(text)).toBe(folded);
  });

  it.each([
    ["didn't", 'did not'],
    ['didn’t', 'did not'],
    ['didnt', 'did not'],
    ["can't", 'can not'],
    ["they're", 'they are'],
  ])('contractions as wink-nlp reads them: %s → %s', (text, folded) => {
    expect(foldQuestion(text)).toBe(folded);
  });

  it('spells out only n’t when the apostrophe is missing: were, well and shed are words', () => {
    expect(foldQuestion('were well')).toBe('were well');
    expect(foldQuestion("we're we'll")).toBe('we are we will');
  });

  it('keeps "one" as the pronoun English mostly uses it for, unless it is part of a number', () => {
    expect(foldQuestion('which one')).toBe('which one');
    expect(foldQuestion('twenty-one')).toBe('21');
  });

  it('gives a hyphenated word as its parts and joined, so either spelling meets it', () => {
    expect(foldQuestion('clean-tech')).toBe('clean tech cleantech');
    expect(foldQuestion('clean-tech').split(' ')).toContain(foldQuestion('cleantech'));
  });

  it('is idempotent and never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const once = foldQuestion(text);
        expect(foldQuestion(once)).toBe(once);
        expect(once).toMatch(/^([\p{L}\p{N}]+( [\p{L}\p{N}]+)*)?$/u);
      }),
      { numRuns: runs(300) },
    );
  });

  it('reads words that name properties of JavaScript objects as words', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'ww']) {
      expect(() => foldQuestion(word)).not.toThrow();
      const folded = foldQuestion(word);
      for (const part of folded.split(' ')) expect(() => lexicon.expand(part)).not.toThrow();
    }
    expect(foldQuestion('constructor')).toBe('constructor');
  });

  it('keeps its output bounded for a 6,000-character message', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('ww1 ', 'clean-tech ', "Netanyahu's ", 'twenty-five ', '’s', '-', 'x'), {
          minLength: 600,
          maxLength: 600,
        }),
        (parts) => {
          const text = parts.join('').slice(0, 6_000);
          expect(foldQuestion(text).length).toBeLessThanOrEqual(4 * text.length);
        },
      ),
      { numRuns: runs(20) },
    );
  });
});

describe('the lexicon saved for a fact base', () => {
  it('prepares for answering without changing what it answers', () => {
    const before = lexicon.expand('whta');
    expect(lexicon.prepare()).toBe(lexicon);
    expect(lexicon.expand('whta')).toEqual(before);
  });

  it('is the same read back as derived', () => {
    const again = buildLexicon([...vocabulary(), 'zorbitak'], { SUMMIT_SNAPSHOTS: 'off' });
    const reread = buildLexicon([...vocabulary(), 'zorbitak'], { SUMMIT_SNAPSHOTS: 'off' });
    expect(again.inCorpus('zorbitak')).toBe(true);
    expect(reread.expand('weapons')).toEqual(lexicon.expand('weapons'));
  });

  it('is derived again when a new article brings new words', () => {
    expect(lexicon.inCorpus('zorbitak')).toBe(false);
    expect(
      buildLexicon([...vocabulary(), 'Zorbitak’s weapons'], { SUMMIT_SNAPSHOTS: 'off' }).inCorpus('zorbitak'),
    ).toBe(true);
  });
});

describe('the English words table', () => {
  it('reads back what it saved of a word, in characters V8 stores one byte each', () => {
    const allFlags = Object.values(PART_BITS).reduce((a, b) => a | b, 0);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: allFlags }),
        fc.option(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1 })),
        (word, frequency, flags, other) => {
          const lemma = other ?? word;
          const saved = encodeWord({ frequency, flags, lemma }, word);
          expect(decodeWord(saved, word)).toEqual({ frequency, flags, lemma });
          expect([...saved].every((c) => c.charCodeAt(0) < 0x100)).toBe(true);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});
