import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchTokens } from '../src/search/tokens.js';
import { tokenize } from '../src/text/normalise.js';
import { engine } from './support/summit.js';

/**
 * The fast tokenizer must split every text exactly as `tokenize` does: the search indexes are
 * built with one and queried with the other's rules.
 */

const tricky = fc.constantFrom(
  ...`aZ09 '\`-–—‘’“”·•…´ʼ′″‚‛«»\u00a0\u2010\u2212\u200b\u00e9e\u0301ßİﬁ\t\n.,;:!?()[]{}@#<>_*~|/\\`,
);
const textOf = (chars: fc.Arbitrary<string>) => fc.array(chars, { maxLength: 40 }).map((cs) => cs.join(''));

describe('searchTokens', () => {
  it('gives the same tokens as tokenize for ASCII text with typographic quotes and dashes', () => {
    const plain = fc.constantFrom(...`aZ09 '\`-–—‘’“”·•\u00a0\t\n.,;:!?()[]{}@#<>_*~|/\\xyzAB-'-`);
    fc.assert(
      fc.property(textOf(plain), (text) => {
        expect(searchTokens(text)).toEqual(tokenize(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same tokens as tokenize for text made of the characters that matter', () => {
    fc.assert(
      fc.property(textOf(fc.oneof(tricky, fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'))), (text) => {
        expect(searchTokens(text)).toEqual(tokenize(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same tokens as tokenize for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(searchTokens(text)).toEqual(tokenize(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same tokens as tokenize for every text of the fact base', () => {
    const { kb } = engine();
    const texts = [
      ...kb.sources.map((s) => kb.article(s)),
      ...kb.quotes.flatMap((q) => [q.text, q.context ?? '']),
      ...kb.meetings.map((m) => m.summary),
      ...kb.places.flatMap((p) => [p.name, ...p.aliases]),
      ...kb.people.flatMap((p) => [p.name, ...p.aliases]),
    ];
    for (const text of texts) expect(searchTokens(text)).toEqual(tokenize(text));
  });
});
