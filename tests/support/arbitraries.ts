import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import fc from 'fast-check';
import type { AnyCommand, OptionSpec, RawArgs } from '../../src/commands/command.js';
import type { Invocation } from '../../src/commands/dispatch.js';

/**
 * Hostile user input for property tests: arbitrary Unicode mixed with the things that break bots
 * (mentions, Markdown, right-to-left and invisible characters, lone surrogates, huge strings)
 * and with the fact base's own words, so that hostile text also reaches the answering paths
 * that echo it back, not only the "not found" ones.
 */

/** Words the fact base knows, so that inputs often match meetings, people, topics and events. */
export const VOCABULARY = [
  'Sochi',
  'Putin',
  'Netanyahu',
  'Hanukkah',
  '2015',
  '2016',
  '2018',
  'climate conference',
  'Moscow',
  'Paris',
  'Iran',
  'Syria',
  'Shoigu',
  'triumph of light',
  'Armistice centennial',
  'the hotline',
  'the plane was shot down',
  'Bocharov Ruchey',
  'Russia',
  'Israel',
  'terrorism',
  'September 2019',
  'November 2015',
  'the first meeting',
] as const;

/** Question openings that steer /ask to each of its intents. */
export const QUESTION_STARTS = [
  'When did they meet in',
  'Where did they meet',
  'What did Putin say about',
  'What did Netanyahu say about',
  'Who said',
  'How many meetings',
  'How many quotes',
  'How many articles',
  'Did they discuss',
  'Did Putin say',
  'Tell me about',
  'List the meetings in',
  'Show meetings about',
  'Who is',
  'Which sources report',
  'What topics came up at',
  'Quote about',
  'help',
] as const;

/** A unique, vocabulary-free word: when it comes back wrapped in Markdown, the input's Markdown leaked. */
export const SENTINEL = /zz[a-z]{2,6}/;

/** Markdown markers whose wrapping of a sentinel must never survive into a reply unescaped. */
export const MARKDOWN_MARKERS = ['**', '__', '~~', '||', '```', '`', '*', '_'] as const;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every `<marker>zzword<marker>` in a text: what an unescaped echo would reproduce verbatim. */
export function markdownSentinels(text: string): string[] {
  const markers = [...MARKDOWN_MARKERS].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`(${markers.join('|')})(${SENTINEL.source})\\1`, 'g');
  return [...text.matchAll(re)].map((m) => m[0]);
}

/** `[zzword](https://…)`: a masked link in the input. */
export function maskedLinkSentinels(text: string): string[] {
  return [...text.matchAll(new RegExp(`\\[${SENTINEL.source}\\]\\([^)\\s]+\\)`, 'g'))].map((m) => m[0]);
}

export const MENTIONS = [
  '@everyone',
  '@here',
  '<@&123>',
  '<@123>',
  '<@!123456789012345678>',
  '<#123>',
  '<@&987654321098765432>',
  '@everyone @here',
  '<<@123>>',
  '@@everyone',
] as const;

const HOSTILE_ATOMS = [
  ...MENTIONS,
  // Markdown
  '**',
  '__',
  '~~',
  '||',
  '```',
  '```js\nconsole.log(1)\n```',
  '`',
  '> quote',
  '# heading',
  '- list',
  '\\',
  '\\*\\*',
  '[link](https://evil.example)',
  '<:emoji:123>',
  '<a:dance:456>',
  '<t:1700000000:R>',
  '</ask:123>',
  '-# small print',
  '### heading',
  '>>> quoted\nblock',
  '||spoiler||',
  '[masked](<https://evil.example>)',
  '<https://example.com/a_b_>',
  '~~~',
  // URLs
  'https://example.com/a_b__c?d=e&f=<g>',
  'http://x.y/**z**',
  'discord.gg/abc',
  // regex metacharacters
  '.*+?()[]{}|\\^$',
  '(?<x>a)\\1',
  '[',
  '(',
  '*',
  '+',
  '?',
  '$&',
  '$1',
  // JSON, SQL, code
  '{"question":"x","args":{"a":[1,null,true]}}',
  "'; DROP TABLE meetings; --",
  '" OR 1=1 --',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '${process.exit()}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  // option-looking text for the console parser
  'query:',
  'speaker:',
  'meeting:',
  'year:',
  'place:Sochi',
  'topic:',
  'person:',
  'question:',
  'foo:bar',
  '/next',
  '/prev',
  '/',
  '//',
  // right-to-left, invisible and combining
  'שלום נתניהו',
  'חנוכה',
  'مرحبا بوتين',
  'سوتشي',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\u200B',
  '\u200C\u200D\u2060\uFEFF',
  '\u00AD',
  'e\u0301\u0301\u0301',
  'Z\u0335\u0321\u0322a\u0338l\u0336g\u0335o\u0338',
  '\u0300',
  // emoji
  '🕎',
  '🇮🇱🇷🇺',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '1️⃣',
  // lone and reversed surrogates, controls
  '\uD800',
  '\uDFFF',
  'a\uD83D',
  '\uDE00\uD83D',
  '\u0000',
  '\u0007\u001B[31m',
  '\r\n',
  '\t',
  '\n\n\n',
  '\u2028\u2029',
  '\u00A0\u2003\u3000',
  // numbers
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '2015.5',
  '0x7DF',
  '１２３',
  '٢٠١٥',
  // long words
  'Sochiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii',
  'Pütïñ',
  'ПУТИН',
  'Нетаньяху',
  'İstanbul',
  'ß',
] as const;

const WHITESPACE_ONLY = [
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  '\u00A0',
  '\u2003\u3000',
  '\u200B',
  ' \n\t ',
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Any UTF-16 unit sequence: full Unicode code points, ASCII controls, and lone surrogates. */
const anyUnits = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
  ),
  maxLength: 40,
});

const sentinelWord = fc.stringMatching(/^zz[a-z]{2,6}$/);

/** ` **zzword** `: Markdown around a word that only the input contains (spaced off any URL). */
const markdownSentinel = fc
  .tuple(fc.constantFrom(...MARKDOWN_MARKERS), sentinelWord)
  .map(([m, w]) => ` ${m}${w}${m} `);

const maskedLink = sentinelWord.map((w) => ` [${w}](https://evil.example/${w}) `);

/** Custom-emoji syntax before Markdown: escapers that skip emoji (`<:name:id>`) must still escape the rest. */
const afterEmoji = fc
  .tuple(fc.constantFrom('<:emoji:123>', '<a:dance:456>', '<:x'), markdownSentinel)
  .map(([e, m]) => `${e}${m}`);

const atom: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_ATOMS) },
  { weight: 3, arbitrary: markdownSentinel },
  { weight: 1, arbitrary: maskedLink },
  { weight: 1, arbitrary: afterEmoji },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: anyUnits },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\u200B', '  ', ', ', '?');

/** A handful of atoms joined by spaces, line breaks or nothing. */
const mixed: fc.Arbitrary<string> = fc
  .array(fc.tuple(atom, separator), { maxLength: 10 })
  .map((parts) => parts.map(([a, s]) => a + s).join(''));

/** A question that steers /ask to an intent, with hostile text where the subject goes. */
export const question: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...QUESTION_STARTS), mixed, fc.constantFrom('', '?', ' ?', '!'))
  .map(([start, rest, end]) => `${start} ${rest}${end}`);

/** Up to 6,000 UTF-16 units: a hostile piece repeated, or random Unicode. */
const long: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.oneof(atom, mixed, question), fc.integer({ min: 200, max: 6000 }))
    .map(([piece, n]) => (piece.length ? piece.repeat(Math.ceil(n / piece.length)).slice(0, n) : piece)),
  fc.tuple(question, fc.integer({ min: 100, max: 400 })).map(([q, n]) => `${q} ${'Sochi '.repeat(n)}`),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }),
);

/**
 * Hostile text for a string option or a plain question. One in 24 is long (200 to 6,000 units):
 * a long word costs the search tens of milliseconds, so more would dominate the run time.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: mixed },
  { weight: 6, arbitrary: question },
  { weight: 3, arbitrary: atom },
  { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE_ONLY) },
  { weight: 1, arbitrary: long },
);

/** What an integer option may receive: any number, or text typed where a number goes. */
export const hostileInteger: fc.Arbitrary<number | string> = fc.oneof(
  fc.integer({ min: 1900, max: 2100 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    -0,
    0,
    1899,
    2101,
    2.5,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
  fc.constantFrom(
    ' 2015 ',
    '2015.0',
    '2e3',
    '0x7DF',
    '',
    '  ',
    '-2016',
    '２０１５',
    '1e309',
    'NaN',
    'Infinity',
  ),
  hostileText,
);

/** `inner` put into hostile text, within the first 150 units so that option truncation keeps it. */
const carrying = (inner: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(hostileText, inner, fc.nat()).map(([text, x, n]) => {
    const at = n % (Math.min(text.length, 150) + 1);
    return text.slice(0, at) + x + text.slice(at);
  });

/** Hostile text that always carries Markdown around a sentinel word, sometimes after custom-emoji syntax. */
export const markdownText: fc.Arbitrary<string> = carrying(fc.oneof(markdownSentinel, afterEmoji));

/** Hostile text that always carries a masked link `[zzword](https://…)`. */
export const maskedLinkText: fc.Arbitrary<string> = carrying(maskedLink);

function optionValue(spec: OptionSpec, text: fc.Arbitrary<string>): fc.Arbitrary<string | number | boolean> {
  if (spec.type === 'integer') return hostileInteger;
  if (spec.type === 'boolean') return fc.oneof(fc.boolean(), text);
  return text;
}

/** Raw option values for a command: any subset of its options (required ones included or not). */
export function rawArgs(
  command: AnyCommand,
  text: fc.Arbitrary<string> = hostileText,
): fc.Arbitrary<RawArgs> {
  const model: Record<string, fc.Arbitrary<string | number | boolean>> = {};
  for (const [name, spec] of Object.entries(command.options as Record<string, OptionSpec>)) {
    model[name] = optionValue(spec, text);
  }
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<RawArgs>;
}

export function invocation(
  command: AnyCommand,
  text: fc.Arbitrary<string> = hostileText,
): fc.Arbitrary<Invocation> {
  return rawArgs(command, text).map((args) => ({ command: command.name, args }));
}

/** The page a list was asked for, as an adapter might pass it. */
export const page: fc.Arbitrary<number | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 5 }),
  fc.integer({ min: -10, max: 10_000 }),
);

/** A repeatable source of randomness for /quote. */
export const random: fc.Arbitrary<() => number> = fc
  .double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
  .map((x) => {
    const f = () => x;
    f.toString = () => `() => ${x}`;
    return f;
  });

/** A console line: a plain question, a command with bare text and options, or a slash and junk. */
export function consoleLine(commands: readonly AnyCommand[]): fc.Arbitrary<string> {
  const names = commands.map((c) => c.name);
  const withOptions = fc
    .tuple(
      fc.constantFrom(...names),
      fc.constantFrom('', 'upper', 'title'),
      fc.option(hostileText, { nil: undefined }),
      fc.array(
        fc.tuple(
          fc.constantFrom(...new Set(commands.flatMap((c) => Object.keys(c.options))), 'bogus', 'QUERY'),
          hostileText,
        ),
        { maxLength: 3 },
      ),
    )
    .map(([name, casing, bare, options]) => {
      const shown =
        casing === 'upper'
          ? name.toUpperCase()
          : casing === 'title'
            ? name[0]?.toUpperCase() + name.slice(1)
            : name;
      return [`/${shown}`, bare ?? '', ...options.map(([k, v]) => `${k}:${v}`)].join(' ');
    });
  return fc.oneof(
    { weight: 4, arbitrary: withOptions },
    { weight: 3, arbitrary: hostileText },
    { weight: 1, arbitrary: hostileText.map((t) => `/${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('/next', '/prev', ' /next ', '/meetings', '/topics', '/quote') },
  );
}

// ---------------------------------------------------------------------------------------------
// Input as Discord delivers it, for tests that go through the real bot and the fake Discord

/** Hostile text that two times in five carries Markdown or a masked link around a sentinel word. */
export const probingText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 1, arbitrary: markdownText },
  { weight: 1, arbitrary: maskedLinkText },
);

/** What a message in a guild can mention by id: its users (the bot too), roles and channels. */
export interface GuildIds {
  users: string[];
  roles: string[];
  channels: string[];
}

/** Mention syntax naming real users, roles and channels: what would ping if a reply let it. */
export function guildMention(ids: GuildIds): fc.Arbitrary<string> {
  return fc.constantFrom(
    ...ids.users.flatMap((id) => [`<@${id}>`, `<@!${id}>`]),
    ...ids.roles.map((id) => `<@&${id}>`),
    ...ids.channels.map((id) => `<#${id}>`),
  );
}

/** The text of a message a user posts: probing text with up to three real mentions put anywhere in it. */
export function messageText(ids: GuildIds): fc.Arbitrary<string> {
  return fc
    .tuple(probingText, fc.array(fc.tuple(guildMention(ids), fc.nat()), { maxLength: 3 }))
    .map(([text, mentions]) =>
      mentions.reduce((out, [mention, n]) => {
        const at = n % (out.length + 1);
        return out.slice(0, at) + mention + out.slice(at);
      }, text),
    );
}

/**
 * One option's value as Discord delivers it: text cut to the option's max_length, an integer
 * within its range, a boolean, or a channel of the guild. Any other option type fails loudly, so
 * that a new kind of option cannot go untested.
 */
export function discordOptionValue(
  option: APIApplicationCommandOption,
  channelIds: readonly string[],
  text: fc.Arbitrary<string> = probingText,
): fc.Arbitrary<string | number | boolean> {
  switch (option.type) {
    case ApplicationCommandOptionType.String: {
      const max = option.max_length;
      return max === undefined ? text : text.map((s) => s.slice(0, max));
    }
    case ApplicationCommandOptionType.Integer: {
      const min = option.min_value ?? Number.MIN_SAFE_INTEGER;
      const max = option.max_value ?? Number.MAX_SAFE_INTEGER;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case ApplicationCommandOptionType.Boolean:
      return fc.boolean();
    case ApplicationCommandOptionType.Channel:
      return fc.constantFrom(...channelIds);
    default:
      throw new Error(`no arbitrary for option "${option.name}" of type ${option.type}`);
  }
}

/** A slash command's options as a user fills them in: every required one, and any of the others. */
export function discordOptions(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
  channelIds: readonly string[],
): fc.Arbitrary<Record<string, string | number | boolean>> {
  const options = definition.options ?? [];
  const model = Object.fromEntries(options.map((o) => [o.name, discordOptionValue(o, channelIds)]));
  const requiredKeys = options.filter((o) => 'required' in o && o.required).map((o) => o.name);
  return fc.record(model, { requiredKeys });
}
