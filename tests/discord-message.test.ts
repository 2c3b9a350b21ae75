import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Citation, FollowUp, Reply, ReplyField } from '../src/answers/reply.js';
import { decodeAction, encodeAction } from '../src/discord/custom-id.js';
import { isPrivate, toMessage, toText } from '../src/discord/message.js';
import { LIMITS } from '../src/limits.js';
import { messageProblems } from './support/discord-limits.js';
import { runs } from './support/property-runs.js';
import { ask } from './support/summit.js';
import { wire } from './support/wire.js';

const RUNS = runs(300);

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max, unit: 'grapheme' }),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', '   ', '\n', '**bold**', '@everyone', '<@123456789012345678>', '🇮🇱🇷🇺'.repeat(80)),
  );
const line = fc.oneof(
  fc.constantFrom('/meetings', '/quote', '/meeting query:sochi-2019', '/ask When did they meet?'),
  text(300).map((t) => `/ask ${t}`),
);
const followUp: fc.Arbitrary<FollowUp> = fc.record({ label: text(200), command: line });
const field: fc.Arbitrary<ReplyField> = fc.record(
  { name: text(400), value: text(2500), inline: fc.boolean() },
  { requiredKeys: ['name', 'value'] },
);
const citation: fc.Arbitrary<Citation> = fc.record(
  {
    sourceId: fc.string({ minLength: 1, maxLength: 20 }),
    title: text(600),
    publisher: text(100),
    url: fc.webUrl(),
    published: text(40),
    quote: fc.record({ speaker: text(80), date: text(40), place: text(120) }),
  },
  { requiredKeys: ['sourceId', 'title', 'published'] },
);
const replyArb: fc.Arbitrary<Reply> = fc.record(
  {
    kind: fc.constantFrom('answer', 'not-found', 'ambiguous', 'usage', 'error'),
    title: text(600),
    text: text(9000),
    fields: fc.array(field, { maxLength: 40 }),
    citations: fc.array(citation, { maxLength: 30 }),
    followUps: fc.array(followUp, { maxLength: 12 }),
    suggestions: fc.array(followUp, { maxLength: 30 }),
    page: fc
      .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 }), line)
      .map(([index, extra, command]) => ({ index, count: index + extra, command })),
    private: fc.boolean(),
  },
  { requiredKeys: ['kind', 'title', 'text', 'fields', 'citations', 'followUps', 'suggestions'] },
);

describe('a reply as a Discord message', () => {
  it('keeps every reply within all of Discord’s limits, whatever its size', () => {
    fc.assert(
      fc.property(
        replyArb,
        fc.boolean(),
        fc.option(text(400), { nil: undefined }),
        (reply, hidden, asked) => {
          const message = toMessage(reply, { hidden, ...(asked !== undefined && { asked }) });
          expect(messageProblems(wire(message))).toEqual([]);
          expect(message.allowedMentions.parse).toEqual([]);
          expect(message.allowedMentions.repliedUser).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never drops the sources to make room, and says how many fields were left out', () => {
    const huge: Reply = {
      kind: 'answer',
      title: 'A very long list',
      text: 'x'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `Item ${i}`, value: 'y'.repeat(900) })),
      citations: [{ sourceId: 's', title: 'The article', url: 'https://example.org/a', published: '2019' }],
      followUps: [],
      suggestions: [],
    };
    const [embed] = wire(toMessage(huge, { hidden: false })).embeds;
    expect(embed?.fields?.at(-1)).toMatchObject({ name: 'Source' });
    expect(embed?.fields?.at(-1)?.value).toContain('[The article](<https://example.org/a>)');
    expect(embed?.footer?.text).toMatch(/\d+ more not shown$/);
    expect(messageProblems(wire(toMessage(huge, { hidden: false })))).toEqual([]);
  });

  it('cites the article of a real answer with a link, and quotes with speaker, place and date', () => {
    const { reply } = ask('/quote speaker:Putin query:triumph of light');
    const [embed] = wire(toMessage(reply, { hidden: false })).embeds;
    const sources = embed?.fields?.find((f) => f.name.startsWith('Source'));
    expect(sources?.value).toMatch(/Vladimir Putin · /);
    expect(sources?.value).toContain('](<https://');
  });

  it('pages a long list with buttons whose custom_id carries the page and the command', () => {
    const { reply } = ask('/meetings');
    const message = wire(toMessage(reply, { hidden: false }));
    const pageRow = message.components.find((row) =>
      row.components.some((c) => 'label' in c && c.label === 'Page 1 of 2'),
    );
    const ids = pageRow?.components.map((c) => ('custom_id' in c ? c.custom_id : undefined));
    expect(ids).toEqual(['noop.prev', 'page.1:/meetings', 'page.2:/meetings']);
    expect(pageRow?.components.map((c) => ('disabled' in c ? c.disabled : false))).toEqual([
      true,
      true,
      false,
    ]);
    expect(message.embeds[0]?.footer?.text).toBe('Summit · page 1 of 2');
  });

  it('keeps a hidden answer’s buttons hidden', () => {
    const { reply } = ask('/meetings');
    const ids = wire(toMessage(reply, { hidden: true })).components.flatMap((row) =>
      row.components.map((c) => ('custom_id' in c ? c.custom_id : '')),
    );
    expect(ids).toContain('page.2.h:/meetings');
    expect(ids.filter((id) => id.startsWith('run')).every((id) => id.startsWith('run.h:'))).toBe(true);
  });

  it('offers up to five "did you mean" choices as buttons and more as a menu', () => {
    const base = ask('/meeting Paris').reply;
    expect(base.kind).toBe('ambiguous');
    const buttons = wire(toMessage(base, { hidden: false })).components[0]?.components ?? [];
    expect(buttons.map((c) => c.type)).toEqual(buttons.map(() => 2));
    const many = {
      ...base,
      suggestions: Array.from({ length: 8 }, (_, i) => ({
        label: `Choice ${i}`,
        command: `/meeting query:m${i}`,
      })),
    };
    const [menu] = wire(toMessage(many, { hidden: false })).components[0]?.components ?? [];
    expect(menu).toMatchObject({ type: 3, custom_id: 'pick' });
    expect(menu && 'options' in menu ? menu.options?.length : 0).toBe(8);
  });

  it('leaves out a button whose command line does not fit in a custom_id instead of breaking the message', () => {
    const long = `/ask ${'why '.repeat(40)}`;
    const reply: Reply = {
      kind: 'answer',
      title: 'Long',
      text: 'A long list',
      fields: [],
      citations: [],
      followUps: [{ label: 'Again', command: long }],
      suggestions: [],
      page: { index: 1, count: 3, command: long },
    };
    const message = toMessage(reply, { hidden: false });
    expect(message.components).toEqual([]);
    expect(message.embeds[0]?.toJSON().footer?.text).toBe(
      'Summit · page 1 of 3 · a shorter question can be paged',
    );
  });

  it('shows errors and private answers to the asker alone', () => {
    const { reply } = ask('/meetings place:Atlantis');
    expect(isPrivate(reply, { hidden: false })).toBe(true);
    expect(isPrivate(ask('/meetings').reply, { hidden: false })).toBe(false);
    expect(isPrivate(ask('/meetings').reply, { hidden: true })).toBe(true);
  });

  it('falls back to text within 2,000 characters that still carries the sources', () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        const out = toText(reply);
        expect(out.length).toBeLessThanOrEqual(LIMITS.content);
        if (reply.citations.length) expect(out).toContain('[1] ');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('custom_id state', () => {
  const action = fc.oneof(
    fc.record({ kind: fc.constant('run' as const), line, hidden: fc.boolean() }),
    fc.record({
      kind: fc.constant('page' as const),
      line,
      page: fc.integer({ min: 1, max: 9999 }),
      hidden: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('pick' as const), hidden: fc.boolean() }),
  );

  it('decodes what it encodes, and nothing it encodes is longer than 100 characters', () => {
    fc.assert(
      fc.property(action, (a) => {
        const id = encodeAction(a);
        if (id === undefined) return;
        expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect(decodeAction(id)).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects custom_ids it did not make without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (id) => {
        const decoded = decodeAction(id);
        if (decoded && decoded.kind !== 'pick') expect(decoded.line.startsWith('/')).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(decodeAction('noop.prev')).toBeUndefined();
    expect(decodeAction('page.0:/meetings')).toBeUndefined();
    expect(decodeAction('run:meetings')).toBeUndefined();
  });
});
