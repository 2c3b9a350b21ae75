/**
 * Hostile input end to end: generated input goes through the real bot and discord.js client to
 * the fake Discord, for every command and option the registry declares, every autocompleted
 * option, mentions and the "Ask Summit" message menu, and half the time the reply's buttons are
 * clicked too. After each case the bot has logged no failure, the fake refused nothing, every
 * message it sent fits Discord's limits, pings no one and renders the user's Markdown as typed,
 * and every autocomplete answer is valid. SUMMIT_PROPERTY_RUNS multiplies the number of cases;
 * the largest size seen against each limit is printed at the end.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ApplicationCommandType, InteractionResponseType } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionSpec } from '../src/commands/command.js';
import { commands } from '../src/commands/registry.js';
import { ASK_MENU, commandDefinitions, deployedNames } from '../src/discord/definitions.js';
import { discordOptions, discordOptionValue, type GuildIds, messageText } from './support/arbitraries.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { choiceProblems, isRecord, messageProblems } from './support/discord-limits.js';
import type { InteractionHandle, StoredMessage } from './support/fake-discord/index.js';
import { PROPERTY_TIMEOUT_MS, runs } from './support/property-runs.js';
import { echoes, echoLeaks, pingProblems, sentByBot, WorstSizes } from './support/sent-by-bot.js';

/**
 * Cases by default: 150 per slash command (300 for /ask), 40 per autocompleted option, 200
 * mentions and 200 uses of the message menu; with today's 11 commands and 12 autocompleted
 * options, 1,800 + 480 + 400 = 2,680. A case costs a few milliseconds, a click on the reply as
 * much again; a mention costs more, as discord.js holds channel posts to Discord's 50 requests a
 * second.
 */
const COMMAND_RUNS = 150;
const AUTOCOMPLETE_RUNS = 40;
const MENTION_RUNS = 200;
const MENU_RUNS = 200;
/** How long the bot may take to finish with one case before the case fails. */
const CASE_TIMEOUT_MS = 5_000;

let t: TestBot;
let ids: GuildIds;
let channelIds: string[];
const worst = new WorstSizes();
const tally = { cases: 0, interactions: 0, mentions: 0, clicks: 0, echoes: 0 };
/** How the bot says it ended each interaction and mention: answer, not-found, usage, choices… */
const outcomes = new Map<string, number>();

beforeAll(async () => {
  t = await startTestBot();
  const { guild, botUser, users } = t.fake;
  channelIds = guild.channels.map((c) => c.id);
  ids = {
    users: [botUser.id, users.member.id, users.moderator.id, users.owner.id],
    roles: guild.roles.map((r) => r.id),
    channels: channelIds,
  };
}, 30_000);

afterAll(async () => {
  if (tally.cases > 0) {
    const rows = worst
      .table()
      .map((w) => `  ${w.measure.padEnd(22)} ${String(w.worst).padStart(5)} / ${w.limit}`);
    console.info(
      [
        `Hostile input end to end: ${tally.cases} generated cases, ${tally.interactions} interactions, ${tally.mentions} mentions, ${tally.clicks} clicks on replies.`,
        `Outcomes: ${[...outcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ')}.`,
        `Messages showing a word the user had wrapped in Markdown: ${tally.echoes}.`,
        'Largest size seen / Discord limit:',
        ...rows,
      ].join('\n'),
    );
  }
  await t?.stop();
});

const slashDefinitions = commandDefinitions().filter(
  (d): d is RESTPostAPIChatInputApplicationCommandsJSONBody =>
    (d.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
);

function definitionOf(name: string): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const found = slashDefinitions.find((d) => d.name === name);
  if (!found) throw new Error(`/${name} has no Discord definition`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// One case: what happened since it began

interface Mark {
  requests: number;
  rejections: number;
  unhandled: number;
  logs: number;
}

const mark = (): Mark => ({
  requests: t.fake.requests.length,
  rejections: t.fake.rejections.length,
  unhandled: t.fake.unhandled.length,
  logs: t.logs.length,
});

const parsed = (line: string) => JSON.parse(line) as Record<string, unknown>;

/** Resolves once the bot has logged its closing line for an interaction or a mention. */
async function finished(from: Mark, msg: 'interaction' | 'mention', id: string): Promise<void> {
  const key = msg === 'interaction' ? 'interaction' : 'message';
  const deadline = Date.now() + CASE_TIMEOUT_MS;
  for (let seen = from.logs; ; ) {
    for (; seen < t.logs.length; seen++) {
      const entry = parsed(t.logs[seen] ?? '{}');
      if (entry.msg === msg && entry[key] === id) return;
    }
    if (Date.now() > deadline) throw new Error(`the bot did not finish with ${msg} ${id}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Everything a user or Discord would hold against the bot since `from`, as readable lines. */
function problemsSince(from: Mark, inputs: readonly string[]): string[] {
  const problems = [
    ...t.fake.rejections
      .slice(from.rejections)
      .map((r) => `Discord refused ${r.method} ${r.path}: ${r.reasons.join('; ')}`),
    ...t.fake.unhandled.slice(from.unhandled).map((r) => `unknown route ${r.method} ${r.path}`),
  ];
  for (const entry of t.logs.slice(from.logs).map(parsed)) {
    if (entry.msg === 'interaction' || entry.msg === 'mention') {
      const outcome = String(entry.outcome);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // pino's warn is 40: a failure, a crash, an expired interaction or an unsent apology.
    if (Number(entry.level) >= 40) {
      const err = isRecord(entry.err) ? `: ${String(entry.err.message)}` : '';
      problems.push(`the bot logged "${String(entry.msg)}"${err}`);
    }
  }
  for (const sent of sentByBot(t.fake.requests.slice(from.requests))) {
    worst.observe(sent);
    if (sent.kind === 'message' && echoes(sent.payload, inputs)) tally.echoes++;
    const found =
      sent.kind === 'choices'
        ? choiceProblems(sent.choices)
        : [
            ...messageProblems(sent.payload, { edit: sent.edit }),
            ...pingProblems(sent.payload),
            ...echoLeaks(sent.payload, inputs),
          ];
    problems.push(...found.map((p) => `${sent.route}: ${p}`));
  }
  return problems;
}

const texts = (values: Record<string, unknown>) =>
  Object.values(values).filter((v): v is string => typeof v === 'string');

// ---------------------------------------------------------------------------------------------
// Clicking a reply

type Click = { kind: 'button'; id: string } | { kind: 'select'; id: string; value: string };

/** The buttons and menu options a user can click on a message. */
function clickable(message: StoredMessage): Click[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c): Click[] => {
          if (!('custom_id' in c) || ('disabled' in c && c.disabled)) return [];
          if ('options' in c)
            return c.options.map((o) => ({ kind: 'select', id: c.custom_id, value: o.value }));
          return [{ kind: 'button', id: c.custom_id }];
        })
      : [],
  );
}

/** Clicks the `pick`th clickable thing on the reply to `asked` (as its asker or someone else). */
async function clickReply(asked: InteractionHandle, pick: number, byAsker: boolean): Promise<void> {
  const message = asked.original();
  const options = message ? clickable(message) : [];
  const click = options[pick % Math.max(1, options.length)];
  if (!message || !click) return;
  const user = byAsker ? asked.payload.member?.user : t.fake.users.member;
  const from = mark();
  const clicked =
    click.kind === 'button'
      ? await t.fake.button(message, click.id, { user })
      : await t.fake.select(message, click.id, [click.value], { user });
  await finished(from, 'interaction', clicked.id);
  expect(clicked.callbacks).toHaveLength(1);
  tally.clicks++;
}

/** Half the cases click something on the reply: a suggestion, a page, a follow-up. */
const click = fc.option(fc.record({ pick: fc.nat(), byAsker: fc.boolean() }), { freq: 2, nil: undefined });

// ---------------------------------------------------------------------------------------------
// Properties

describe('the registry and what Discord knows', () => {
  it('every command has a Discord definition, deployed to the fake', () => {
    const deployed = t.fake.registeredCommands(t.fake.guild.id).map((c) => c.name);
    for (const command of commands) {
      expect(definitionOf(command.name).name).toBe(command.name);
      expect(deployed).toContain(command.name);
    }
    expect(deployed).toContain(ASK_MENU);
    // What the metrics label interactions by.
    expect(deployedNames()).toEqual(deployed);
  });
});

describe.each(commands.map((c) => [c.name, c] as const))('/%s with hostile options, end to end', (name) => {
  it(
    'answers within every limit, pings no one, keeps echoed Markdown inert, fails nowhere; and so does a click on the reply',
    async () => {
      const definition = definitionOf(name);
      await fc.assert(
        fc.asyncProperty(discordOptions(definition, channelIds), click, async (options, then) => {
          tally.cases++;
          const from = mark();
          const asked = await t.fake.slash(name, options);
          tally.interactions++;
          await finished(from, 'interaction', asked.id);
          expect(asked.callbacks).toHaveLength(1);
          if (then) await clickReply(asked, then.pick, then.byAsker);
          expect(problemsSince(from, texts(options))).toEqual([]);
        }),
        { numRuns: runs(name === 'ask' ? 2 * COMMAND_RUNS : COMMAND_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const autocompleted = commands.flatMap((c) =>
  Object.entries(c.options as Record<string, OptionSpec>)
    .filter(([, spec]) => spec.autocomplete)
    .map(([option]) => [`/${c.name} ${option}`, c.name, option] as const),
);

describe('autocomplete with hostile text, end to end', () => {
  it('covers every option that declares it', () => {
    expect(autocompleted.length).toBeGreaterThan(0);
  });

  it.each(autocompleted)(
    '%s: always a valid answer (≤ 25 choices, names 1–100, values ≤ 100), never an error',
    async (_label, name, option) => {
      const definition = definitionOf(name);
      const spec = definition.options?.find((o) => o.name === option);
      if (!spec) throw new Error(`/${name} has no option ${option} on Discord`);
      await fc.assert(
        fc.asyncProperty(
          discordOptions(definition, channelIds),
          discordOptionValue(spec, channelIds),
          async (others, typed) => {
            tally.cases++;
            const from = mark();
            const typing = await t.fake.autocomplete(name, { ...others, [option]: typed }, option);
            tally.interactions++;
            await finished(from, 'interaction', typing.id);
            expect(typing.callbacks.map((c) => c.type)).toEqual([
              InteractionResponseType.ApplicationCommandAutocompleteResult,
            ]);
            expect(problemsSince(from, [])).toEqual([]);
          },
        ),
        { numRuns: runs(AUTOCOMPLETE_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** Whether a message mentions the bot by name, so that the bot reads it and answers it. */
function mentionsBot(content: string): boolean {
  const { id } = t.fake.botUser;
  return content.includes(`<@${id}>`) || content.includes(`<@!${id}>`);
}

describe('mentions and the message menu with hostile text, end to end', () => {
  it(
    'a mention is answered within every limit, pings no one, keeps echoed Markdown inert, fails nowhere',
    async () => {
      await fc.assert(
        fc.asyncProperty(messageText(ids), async (text) => {
          tally.cases++;
          const from = mark();
          const posted = await t.fake.mention(text, { user: t.fake.users.member });
          tally.mentions++;
          await finished(from, 'mention', posted.message.id);
          await posted.reply();
          expect(problemsSince(from, [posted.message.content])).toEqual([]);
        }),
        { numRuns: runs(MENTION_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    `"${ASK_MENU}" on any message is answered within every limit, pings no one, keeps echoed Markdown inert, fails nowhere`,
    async () => {
      await fc.assert(
        fc.asyncProperty(messageText(ids), async (text) => {
          tally.cases++;
          const from = mark();
          const posted = await t.fake.message(text, { user: t.fake.users.member });
          // A message that mentions the bot is also answered as a mention; let that finish first.
          if (mentionsBot(text)) await finished(from, 'mention', posted.message.id);
          const asked = await t.fake.messageContextMenu(ASK_MENU, posted.message);
          tally.interactions++;
          await finished(from, 'interaction', asked.id);
          expect(asked.callbacks).toHaveLength(1);
          expect(problemsSince(from, [text])).toEqual([]);
        }),
        { numRuns: runs(MENU_RUNS) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the checks themselves', () => {
  const message = (extra: Record<string, unknown>) => ({
    embeds: [{ title: 'T', description: 'd' }],
    allowed_mentions: { parse: [] },
    ...extra,
  });
  it('catch what they are meant to catch', () => {
    expect(pingProblems(message({}))).toEqual([]);
    expect(pingProblems(message({ allowed_mentions: undefined }))).not.toEqual([]);
    expect(pingProblems(message({ allowed_mentions: { parse: ['users'] } }))).not.toEqual([]);
    expect(pingProblems(message({ allowed_mentions: { parse: [], replied_user: true } }))).not.toEqual([]);
    expect(pingProblems(message({ content: 'hi @everyone' }))).not.toEqual([]);
    expect(pingProblems(message({ embeds: [{ fields: [{ name: 'n', value: '<@&1>' }] }] }))).not.toEqual([]);
    expect(pingProblems(message({ embeds: [{ author: { name: '❓ @everyone' } }] }))).toEqual([]);
    const typed = ['say **zzab** and [zzcd](https://e.x)'];
    expect(echoLeaks(message({ content: 'you said **zzab**' }), typed)).not.toEqual([]);
    expect(echoLeaks(message({ content: 'you said [zzcd](https://e.x)' }), typed)).not.toEqual([]);
    expect(echoLeaks(message({ content: 'you said \\*\\*zzab\\*\\*' }), typed)).toEqual([]);
    expect(echoes(message({ content: 'you said \\*\\*zzab\\*\\*' }), typed)).toBe(true);
    const sent = sentByBot([
      {
        method: 'POST',
        path: '/interactions/1/tok/callback',
        query: {},
        headers: {},
        body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
        status: 204,
        response: undefined,
      },
      {
        method: 'PATCH',
        path: '/webhooks/1/tok/messages/@original',
        query: {},
        headers: {},
        body: { content: 'x' },
        status: 200,
        response: undefined,
      },
    ]);
    expect(sent.map((s) => s.kind)).toEqual(['choices', 'message']);
  });
});
