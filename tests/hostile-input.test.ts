import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../src/answers/reply.js';
import type { AnyCommand, OptionSpec, RawArgs } from '../src/commands/command.js';
import { dispatch, type Invocation } from '../src/commands/dispatch.js';
import { parseLine } from '../src/commands/parse-line.js';
import { commands, createContext } from '../src/commands/registry.js';
import { toMessage } from '../src/discord/message.js';
import { LIMITS } from '../src/limits.js';
import {
  consoleLine,
  hostileText,
  invocation,
  markdownSentinels,
  markdownText,
  maskedLinkSentinels,
  maskedLinkText,
  page,
  random,
} from './support/arbitraries.js';
import { messageProblems } from './support/discord-limits.js';
import { PROPERTY_TIMEOUT_MS, runs } from './support/property-runs.js';
import { includesUnescaped } from './support/sent-by-bot.js';
import { ask, engine, newSession } from './support/summit.js';
import { wire } from './support/wire.js';

/**
 * Hostile input, property by property: whatever a user types into any option of any command,
 * no handler crashes, every reply fits a Discord embed, nothing pings, and echoed text keeps
 * its Markdown inert. SUMMIT_PROPERTY_RUNS multiplies the number of generated cases.
 */

/**
 * Cases per command and property; /ask, the richest path, gets twice as many. By default:
 * 9 commands × 4 properties (1,600 + 8 × 800 = 8,000), masked links (669), unknown commands (600),
 * 11 autocompleted options × 100 (1,100) and 500 console conversations: 10,869 generated cases.
 */
const DISPATCH_RUNS = 200;
const AUTOCOMPLETE_RUNS = 100;
const UNKNOWN_COMMAND_RUNS = 300;
const CONSOLE_RUNS = 500;
const baseRuns = (command: AnyCommand) => (command.name === 'ask' ? 2 * DISPATCH_RUNS : DISPATCH_RUNS);

// ---------------------------------------------------------------------------------------------
// What a reply must satisfy

/** Every way a reply would break Discord's limits once rendered as an embed (empty when it fits). */
function embedViolations(reply: Reply): string[] {
  const out: string[] = [];
  if (reply.title.length > LIMITS.embedTitle)
    out.push(`title is ${reply.title.length} > ${LIMITS.embedTitle}`);
  if (reply.text.length > LIMITS.embedDescription)
    out.push(`text is ${reply.text.length} > ${LIMITS.embedDescription}`);
  if (reply.fields.length > LIMITS.embedFields)
    out.push(`${reply.fields.length} fields > ${LIMITS.embedFields}`);
  reply.fields.forEach((f, i) => {
    if (!f.name.trim()) out.push(`field ${i} has a blank name`);
    if (f.name.length > LIMITS.fieldName)
      out.push(`field ${i} name is ${f.name.length} > ${LIMITS.fieldName}`);
    if (!f.value.trim()) out.push(`field ${i} (${f.name}) has a blank value`);
    if (f.value.length > LIMITS.fieldValue)
      out.push(`field ${i} (${f.name}) value is ${f.value.length} > ${LIMITS.fieldValue}`);
  });
  const total =
    reply.title.length +
    reply.text.length +
    reply.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  if (total > LIMITS.embedTotal) out.push(`embed total is ${total} > ${LIMITS.embedTotal}`);
  if (reply.suggestions.length > LIMITS.selectOptions)
    out.push(`${reply.suggestions.length} suggestions > ${LIMITS.selectOptions}`);
  reply.suggestions.forEach((s, i) => {
    if (s.label.length > LIMITS.selectLabel)
      out.push(`suggestion ${i} label is ${s.label.length} > ${LIMITS.selectLabel}`);
  });
  const buttons = LIMITS.actionRows * LIMITS.buttonsPerRow;
  if (reply.followUps.length > buttons) out.push(`${reply.followUps.length} follow-ups > ${buttons}`);
  return out;
}

/** The strings a user sees: title, text, field names and values, suggestion labels. */
function shown(reply: Reply): { where: string; text: string }[] {
  return [
    { where: 'title', text: reply.title },
    { where: 'text', text: reply.text },
    ...reply.fields.flatMap((f, i) => [
      { where: `field ${i} name`, text: f.name },
      { where: `field ${i} value`, text: f.value },
    ]),
    ...reply.suggestions.map((s, i) => ({ where: `suggestion ${i} label`, text: s.label })),
  ];
}

/** `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&role>`, `<#channel>`: anything Discord would parse as a mention. */
const MENTION = /@everyone|@here|<@|<#/;

function pings(reply: Reply): string[] {
  return shown(reply)
    .filter(({ text }) => MENTION.test(text))
    .map(
      ({ where, text }) =>
        `${where} pings: ${JSON.stringify(text.match(MENTION)?.[0])} in ${JSON.stringify(text)}`,
    );
}

const userTexts = (args: RawArgs) => Object.values(args).filter((v): v is string => typeof v === 'string');

/** Markdown the user wrapped around a sentinel word that comes back verbatim, i.e. unescaped. */
function markdownLeaks(reply: Reply, inputs: string[], find = markdownSentinels): string[] {
  const sentinels = [...new Set(inputs.flatMap((t) => find(t)))];
  return shown(reply).flatMap(({ where, text }) =>
    sentinels
      .filter((s) => includesUnescaped(text, s))
      .map((s) => `${where} has unescaped ${JSON.stringify(s)}: ${JSON.stringify(text)}`),
  );
}

// ---------------------------------------------------------------------------------------------
// Running commands

interface Outcome {
  reply?: Reply;
  thrown?: unknown;
  errors: unknown[];
}

function run(inv: Invocation, pageNumber: number | undefined, rnd: () => number): Outcome {
  const errors: unknown[] = [];
  const ctx = createContext(engine(), {
    ...(pageNumber !== undefined && { page: pageNumber }),
    random: rnd,
  });
  try {
    return { reply: dispatch(inv, ctx, (error) => errors.push(error)), errors };
  } catch (thrown) {
    return { thrown, errors };
  }
}

/** A reply, failing the case if dispatch threw or a handler crashed. */
function replyOf(inv: Invocation, pageNumber: number | undefined, rnd: () => number): Reply {
  const { reply, thrown, errors } = run(inv, pageNumber, rnd);
  if (thrown !== undefined) throw thrown;
  if (errors.length) throw errors[0];
  return reply as Reply;
}

const cases = (command: AnyCommand, text = hostileText) => fc.tuple(invocation(command, text), page, random);

// ---------------------------------------------------------------------------------------------
// Properties

describe.each(commands.map((c) => [c.name, c] as const))('/%s with hostile input', (_name, command) => {
  it(
    'never throws and no handler crashes',
    () => {
      fc.assert(
        fc.property(cases(command), ([inv, p, rnd]) => {
          const { reply, thrown, errors } = run(inv, p, rnd);
          expect(thrown).toBeUndefined();
          expect(errors).toEqual([]);
          expect(reply).toBeDefined();
        }),
        { numRuns: runs(baseRuns(command)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "every reply fits Discord's limits, and so does the Discord message made of it",
    () => {
      fc.assert(
        fc.property(cases(command), ([inv, p, rnd]) => {
          const reply = replyOf(inv, p, rnd);
          expect(embedViolations(reply)).toEqual([]);
          expect(messageProblems(wire(toMessage(reply, { hidden: false })))).toEqual([]);
        }),
        { numRuns: runs(baseRuns(command)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'nothing pings',
    () => {
      fc.assert(
        fc.property(cases(command), ([inv, p, rnd]) => {
          expect(pings(replyOf(inv, p, rnd))).toEqual([]);
        }),
        { numRuns: runs(baseRuns(command)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'echoed Markdown stays escaped',
    () => {
      fc.assert(
        fc.property(cases(command, markdownText), ([inv, p, rnd]) => {
          expect(markdownLeaks(replyOf(inv, p, rnd), userTexts(inv.args))).toEqual([]);
        }),
        { numRuns: runs(baseRuns(command)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'echoed masked links stay inert',
    () => {
      fc.assert(
        fc.property(cases(command, maskedLinkText), ([inv, p, rnd]) => {
          const reply = replyOf(inv, p, rnd);
          expect(markdownLeaks(reply, userTexts(inv.args), maskedLinkSentinels)).toEqual([]);
        }),
        { numRuns: runs(Math.round(baseRuns(command) / 3)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('an unknown or mistyped command name', () => {
  const name = fc.oneof(
    hostileText,
    fc
      .tuple(fc.constantFrom(...commands.map((c) => c.name)), hostileText)
      .map(([n, junk]) => `${n}${junk.slice(0, 3)}`),
  );
  it(
    'gets a reply that fits and does not ping',
    () => {
      fc.assert(
        fc.property(name, hostileText, page, random, (command, value, p, rnd) => {
          const reply = replyOf({ command, args: { query: value } }, p, rnd);
          expect([...embedViolations(reply), ...pings(reply)]).toEqual([]);
        }),
        { numRuns: runs(UNKNOWN_COMMAND_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'keeps echoed Markdown escaped',
    () => {
      fc.assert(
        fc.property(fc.oneof(name, markdownText), page, random, (command, p, rnd) => {
          const reply = replyOf({ command, args: {} }, p, rnd);
          expect(markdownLeaks(reply, [command])).toEqual([]);
        }),
        { numRuns: runs(UNKNOWN_COMMAND_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const autocompleted = commands.flatMap((c) =>
  Object.entries(c.options as Record<string, OptionSpec>)
    .filter(([, spec]) => spec.autocomplete)
    .map(([option]) => [`/${c.name} ${option}`, c, option] as const),
);

describe('autocomplete', () => {
  it('covers every option that declares it', () => {
    expect(autocompleted.length).toBeGreaterThan(0);
    for (const [, command] of autocompleted) expect(command.autocomplete).toBeTypeOf('function');
  });

  it.each(autocompleted)(
    '%s: at most 25 choices, names and values 1..100, for any input',
    (_label, command, option) => {
      fc.assert(
        fc.property(hostileText, (value) => {
          const choices = command.autocomplete?.(option, value, createContext(engine())) ?? [];
          expect(choices.length).toBeLessThanOrEqual(LIMITS.choices);
          const bad = choices.filter(
            (c) =>
              c.name.length < 1 ||
              c.name.length > LIMITS.choiceName ||
              c.value.length < 1 ||
              c.value.length > LIMITS.choiceValue,
          );
          expect(bad).toEqual([]);
        }),
        { numRuns: runs(AUTOCOMPLETE_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the console', () => {
  it(
    'parseLine and ConsoleSession.answer never throw, over several lines with /next and /prev',
    () => {
      fc.assert(
        fc.property(fc.array(consoleLine(commands), { minLength: 1, maxLength: 4 }), random, (lines, rnd) => {
          const session = newSession(rnd);
          for (const line of lines) {
            try {
              parseLine(line);
            } catch (error) {
              if (!(error instanceof Error && error.name === 'UsageError')) throw error;
            }
            expect(session.answer(line)).toBeDefined();
          }
        }),
        { numRuns: runs(CONSOLE_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// Exact hostile cases, through the console as `npm run ask` answers them

const HOSTILE = {
  everyone: '@everyone',
  here: '@here hello',
  role: '<@&123>',
  user: '<@123> <@!456>',
  channel: '<#789>',
  long: `Sochi ${'🕎 Hanukkah @everyone <@&1> **x** '.repeat(200)}`.slice(0, 6000),
  rtl: 'מתי נפגשו נתניהו ופוטין בסוצ׳י? متى التقيا في سوتشي؟ \u202Eevil\u202C',
  fence: '```',
  sql: "'; DROP TABLE meetings; --",
} as const;

const PREFIXES = [
  '',
  'When did they meet in Sochi ',
  'What did Putin say about ',
  'Who said ',
  '/ask ',
  '/when ',
  '/where ',
  '/meeting ',
  '/meetings place:',
  '/meetings topic:',
  '/meetings person:',
  '/quote ',
  '/quote speaker:',
  '/quote meeting:',
  '/topics ',
  '/sources ',
  '/',
] as const;

describe('the checks themselves', () => {
  const base: Reply = {
    kind: 'answer',
    title: 'T',
    text: '',
    fields: [],
    citations: [],
    followUps: [],
    suggestions: [],
  };
  it('catch what they are meant to catch', () => {
    expect(embedViolations({ ...base, title: 'x'.repeat(LIMITS.embedTitle + 1) })).not.toEqual([]);
    expect(embedViolations({ ...base, fields: [{ name: ' ', value: 'v' }] })).not.toEqual([]);
    expect(
      embedViolations({ ...base, text: 'x'.repeat(4000), fields: [{ name: 'n', value: 'x'.repeat(2000) }] }),
    ).not.toEqual([]);
    expect(pings({ ...base, text: 'hi @everyone' })).not.toEqual([]);
    expect(pings({ ...base, suggestions: [{ label: '<@&123>', command: '/x' }] })).not.toEqual([]);
    expect(pings({ ...base, text: 'hi @\u200beveryone <\u200b@\u200b&123>' })).toEqual([]);
    expect(markdownLeaks({ ...base, text: '“**zzab**”' }, [' **zzab** '])).not.toEqual([]);
    expect(markdownLeaks({ ...base, text: '“\\*\\*zzab\\*\\*”' }, [' **zzab** '])).toEqual([]);
    expect(
      markdownLeaks({ ...base, text: '[zzab](https://e.x)' }, [' [zzab](https://e.x) '], maskedLinkSentinels),
    ).not.toEqual([]);
    expect(
      markdownLeaks(
        { ...base, text: '\\[zzab](https://e.x)' },
        [' [zzab](https://e.x) '],
        maskedLinkSentinels,
      ),
    ).toEqual([]);
  });
});

describe('exact hostile cases', () => {
  const table = Object.entries(HOSTILE).flatMap(([name, text]) =>
    PREFIXES.map((prefix) => [`${prefix || '(question) '}${name}`, `${prefix}${text}`] as const),
  );
  it.each(table)('%s fits, does not ping, keeps Markdown inert', (_label, line) => {
    const { reply } = ask(line);
    expect(embedViolations(reply)).toEqual([]);
    expect(pings(reply)).toEqual([]);
  });

  it('echoes **bold** escaped', () => {
    for (const line of ['**zzbold**', '/when Sochi **zzbold**', '/meeting **zzbold**', '/quote **zzbold**']) {
      const { reply } = ask(line);
      expect(markdownLeaks(reply, [line])).toEqual([]);
    }
  });

  it('a 6,000-character question is answered quickly', () => {
    const started = performance.now();
    ask(HOSTILE.long);
    ask(`/when ${HOSTILE.long}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
