/**
 * /insights shows members' own text back to moderators: whatever they typed, the report is
 * inert (no Markdown, no mentions, no invisible characters of theirs) and fits Discord's limits.
 * Similar wordings of one question are counted together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMessage } from '../src/discord/message.js';
import { termsOf } from '../src/insights/record.js';
import { insightsReply } from '../src/insights/report.js';
import { jaccard, mergeSimilar } from '../src/insights/similar.js';
import type { InsightsData } from '../src/store/store.js';
import { hostileText, MENTIONS, markdownSentinels, markdownText } from './support/arbitraries.js';
import { messageProblems } from './support/discord-limits.js';
import { PROPERTY_TIMEOUT_MS, runs } from './support/property-runs.js';
import { engine } from './support/summit.js';
import { wire } from './support/wire.js';

const kb = engine().kb;

function data(texts: string[]): InsightsData {
  return {
    since: 0,
    total: texts.length * 3,
    byKind: { answered: texts.length, 'not-covered': texts.length * 2 },
    unanswered: texts.map((text, i) => ({
      terms: termsOf(text).join(' ') || `t${i}`,
      count: 100 - i,
      example: text,
    })),
    downvoted: texts.slice(0, 5).map((text, i) => ({ id: `q${i}`, text, down: 5 - i, up: i })),
    topics: [{ topic: kb.topics[0]?.id ?? 'x', count: 7 }],
  };
}

const member = fc.oneof(
  hostileText,
  markdownText,
  fc.constantFrom(...MENTIONS),
  fc.string({ minLength: 6000, maxLength: 6000 }),
);

describe('the /insights report', () => {
  it(
    'shows any text inert and within Discord’s limits',
    () => {
      fc.assert(
        fc.property(fc.array(member, { minLength: 1, maxLength: 40 }), (texts) => {
          const reply = insightsReply(data(texts), 30, kb);
          const message = wire(toMessage(reply, { hidden: true }));
          expect(messageProblems(message)).toEqual([]);
          const shown = [reply.text, ...reply.fields.map((f) => f.value)].join('\n');
          expect(shown).not.toMatch(/<@[!&]?\d|@everyone|@here/);
          expect(markdownSentinels(shown)).toEqual([]);
          // The only invisible characters are the ones that break mentions (after < and @).
          expect(shown.replace(/(?<=[<@])\u200b/g, '')).not.toMatch(/[\u200b-\u200f\u2060\ufeff]/);
        }),
        { numRuns: runs(150) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('counts different wordings of one question together, most asked first', () => {
    const groups = [
      { terms: termsOf('Did they talk about the price of tea?').join(' '), count: 3, example: 'a' },
      { terms: termsOf('tea price: was it discussed?').join(' '), count: 2, example: 'b' },
      { terms: termsOf('Who won the 1998 World Cup?').join(' '), count: 4, example: 'c' },
    ];
    expect(mergeSimilar(groups)).toEqual([
      { count: 5, example: 'a', wordings: 2 },
      { count: 4, example: 'c', wordings: 1 },
    ]);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
  });

  it('says so when the record is off or not open', () => {
    expect(insightsReply(undefined, 30, kb).text).toContain('not available');
  });
});
