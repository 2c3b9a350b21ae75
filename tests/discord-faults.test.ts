/**
 * Faults the gateway bot must survive, end to end: the real bot on the real discord.js client,
 * logged in to the fake Discord, which is told to fail the way Discord fails. The gateway drops,
 * resets and goes quiet; REST answers 429 or answers slowly; users click buttons and run commands
 * from other versions of the bot. After each fault the bot must answer the next user, within
 * Discord's 3-second window where one applies (the fake refuses a late acknowledgement).
 */
import {
  type APIApplicationCommand,
  type APIMessage,
  ApplicationCommandOptionType,
  ButtonStyle,
  type Client,
  ComponentType,
  Events,
  InteractionResponseType,
  Routes,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, reply, usage } from '../src/answers/reply.js';
import { createClient } from '../src/gateway/bot.js';
import { send } from '../src/gateway/respond.js';
import { withinWindow } from '../src/gateway/response-window.js';
import { startTestBot, type TestBot, TOKEN } from './support/bot.js';
import { FakeDiscord, type InteractionHandle, type StoredMessage } from './support/fake-discord/index.js';
import { embedOf, isEphemeral, type MessageData, messageOf, textOf } from './support/messages.js';

let t: TestBot;

beforeAll(async () => {
  // Short heartbeats so that a zombie connection shows within a test; waits long enough for a
  // re-identify, which discord.js spaces 5 s from the last one.
  t = await startTestBot({ heartbeatIntervalMs: 250, waitTimeoutMs: 9_000 });
}, 30_000);

afterAll(async () => {
  await t?.stop();
});

afterEach(() => {
  t.fake.clearRestFaults();
});

/** The message a user reads once the interaction is answered, whether at once or deferred then edited. */
async function answerTo(interaction: InteractionHandle): Promise<MessageData> {
  const callback = await interaction.response();
  if (callback.type !== InteractionResponseType.DeferredChannelMessageWithSource) return messageOf(callback);
  return interaction.waitForEdit();
}

/** Asks a question whose answer is known, and checks it arrives. */
async function expectAnswered(fake: FakeDiscord): Promise<InteractionHandle> {
  const when = await fake.slash('when', { query: 'Sochi' });
  expect(textOf(await answerTo(when))).toContain('2019');
  return when;
}

/** The statuses the fake answered a route with, in order. */
const statuses = (fake: FakeDiscord, path: (path: string) => boolean) =>
  fake.requests.filter((r) => path(r.path)).map((r) => r.status);

/** Log entries about one interaction. */
const logsOf = (id: string) => t.entries().filter((e) => e.interaction === id);

describe('gateway faults', () => {
  const FAULTS = [
    { fault: 'the socket closed with 4000', act: (f: FakeDiscord) => f.dropConnection(4000), back: 'RESUME' },
    {
      fault: 'the socket dropped without a close frame',
      act: (f: FakeDiscord) => f.severConnection(),
      back: 'RESUME',
    },
    { fault: 'op 7 RECONNECT', act: (f: FakeDiscord) => f.requestReconnect(), back: 'RESUME' },
    {
      fault: 'op 9 INVALID_SESSION (resumable)',
      act: (f: FakeDiscord) => f.invalidateSession(true),
      back: 'RESUME',
    },
    {
      fault: 'a missed heartbeat ACK (zombie)',
      act: (f: FakeDiscord) => f.zombifyConnection(),
      back: 'RESUME',
    },
    {
      fault: 'op 9 INVALID_SESSION (not resumable)',
      act: (f: FakeDiscord) => f.invalidateSession(false),
      back: 'IDENTIFY',
    },
  ] as const;

  it.each(FAULTS)(
    '$fault: the bot comes back with a $back and answers the next command',
    async ({ act, back }) => {
      const { fake } = t;
      const session = await fake.identified();
      const identifies = fake.identifies.length;

      act(fake);

      if (back === 'RESUME') {
        const resume = await fake.nextResume();
        expect(resume.sessionId).toBe(session.sessionId);
        expect(fake.identifies).toHaveLength(identifies);
      } else {
        const next = await fake.identifiedAfter(session);
        expect(next.sessionId).not.toBe(session.sessionId);
        expect(fake.identifies).toHaveLength(identifies + 1);
      }
      await expectAnswered(fake);
    },
  );

  it('answers an interaction dispatched while it was away, once a RESUME replays it', async () => {
    const { fake } = t;
    const release = fake.holdConnections();
    fake.dropConnection(4000);
    const when = await fake.slash('when', { query: 'Sochi' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(when.callbacks).toEqual([]);

    release();
    const resume = await fake.nextResume();

    expect(resume.replayed).toBeGreaterThanOrEqual(1);
    expect(textOf(await answerTo(when))).toContain('2019');
  });
});

describe('REST faults', () => {
  const callbackOf = (interaction: InteractionHandle) => (path: string) =>
    path.startsWith(`/interactions/${interaction.id}/`);

  it('answers within the window when the interaction callback gets a 429 and must wait out Retry-After', async () => {
    const { fake } = t;
    fake.rateLimit({ route: 'callback', retryAfterMs: 800 });

    const when = await expectAnswered(fake);

    expect(statuses(fake, callbackOf(when))).toEqual([429, 204]);
    expect(when.rejections).toEqual([]);
  });

  it('answers within the window through two 429s in a row on the callback, acknowledging once', async () => {
    const { fake } = t;
    fake.rateLimit({ route: 'callback', retryAfterMs: 700, times: 2 });

    const when = await expectAnswered(fake);

    // The reply is still on its way when the window guard looks, 2 s in: it must not defer beside it.
    expect(statuses(fake, callbackOf(when))).toEqual([429, 429, 204]);
    expect(when.callbacks.map((c) => c.type)).toEqual([InteractionResponseType.ChannelMessageWithSource]);
  });

  it('replies to a mention once the channel’s rate limit lifts', async () => {
    const { fake } = t;
    fake.rateLimit({ route: 'channel-messages', retryAfterMs: 600 });
    const before = fake.requests.length;

    const mention = await fake.mention('when did they meet in Sochi?', { user: fake.users.member });

    expect(textOf(await mention.reply(5_000))).toContain('2019');
    const posts = fake.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.response).toMatchObject({ message: 'You are being rate limited.', global: false });
  });

  it('waits out a global limit on channel posts, while slash commands are answered meanwhile', async () => {
    const { fake } = t;
    fake.rateLimit({ route: 'channel-messages', retryAfterMs: 1_500, global: true });

    const mention = await fake.mention('when did they meet in Sochi?', { user: fake.users.member });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Interaction callbacks are not bound by the global limit, on Discord or in discord.js.
    await expectAnswered(fake);

    expect(textOf(await mention.reply(5_000))).toContain('2019');
  });

  it('posts a /summary once the channel’s rate limit lifts, having deferred within the window', async () => {
    const { fake } = t;
    fake.rateLimit({ route: 'channel-messages', retryAfterMs: 2_500 });

    const summary = await fake.slash('summary', { meeting: 'sochi-2019' });

    expect((await summary.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const posted = await fake.nextChannelMessage(fake.channel('general').id, 6_000);
    expect(posted.embeds[0]?.title).toBe('Summary: Sochi, 12 September 2019');
    expect((await summary.waitForEdit(undefined, 6_000)).content).toContain('Posted **Summary');
  });

  it('answers in time over a slow API (400 ms a call): commands, clicks, mentions and /summary', async () => {
    const { fake } = t;
    fake.setLatency(400);

    await expectAnswered(fake);

    const meetings = await fake.slash('meetings');
    await meetings.response();
    const page = await fake.button(meetings.original() as StoredMessage, 'page.2:/meetings');
    expect((await page.response()).type).toBe(InteractionResponseType.UpdateMessage);

    const mention = await fake.mention('when did they meet in Sochi?', { user: fake.users.member });
    expect(textOf(await mention.reply(5_000))).toContain('2019');

    const summary = await fake.slash('summary', { meeting: 'sochi-2019' });
    await summary.response();
    expect((await summary.waitForEdit(undefined, 5_000)).content).toContain('Posted **Summary');
  });
});

describe('handler faults', () => {
  /** A command the bot once deployed, registered in the guild as an older version left it. */
  async function deployOlder(command: Record<string, unknown>): Promise<APIApplicationCommand> {
    const { fake, bot } = t;
    return (await bot.client.rest.post(Routes.applicationGuildCommands(fake.applicationId, fake.guild.id), {
      body: command,
    })) as APIApplicationCommand;
  }

  /** A message an older version of the bot posted, with one button. */
  async function olderMessage(customId: string): Promise<StoredMessage> {
    const { fake, bot } = t;
    const sent = (await bot.client.rest.post(Routes.channelMessages(fake.channel('general').id), {
      body: {
        content: 'From an older version',
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Secondary,
                label: 'More',
                custom_id: customId,
              },
            ],
          },
        ],
      },
    })) as APIMessage;
    return fake.storedMessage(sent.id) as StoredMessage;
  }

  let deployed: readonly APIApplicationCommand[] = [];
  beforeAll(() => {
    deployed = t.fake.registeredCommands(t.fake.guild.id);
  });
  afterAll(async () => {
    await t.bot.client.rest.put(Routes.applicationGuildCommands(t.fake.applicationId, t.fake.guild.id), {
      body: deployed,
    });
  });

  /** The interaction was answered privately, logged once with its id, and the bot answers the next one. */
  async function expectSurvived(interaction: InteractionHandle, message: MessageData) {
    expect(isEphemeral(message)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logsOf(interaction.id).filter((e) => e.msg === 'interaction')).toHaveLength(1);
    await expectAnswered(t.fake);
  }

  it('apologises privately for a handler that throws, and logs the error once with the interaction id', async () => {
    t.setRandom(() => {
      throw new Error('the dice fell off the table');
    });
    const quote = await t.fake.slash('quote');
    const message = await answerTo(quote);
    t.setRandom(() => 0.5);

    expect(textOf(message)).toMatch(/reference \*\*\w+\*\*/);
    const errors = t.entries().filter((e) => Number(e.level) >= 50);
    expect(errors.filter((e) => JSON.stringify(e).includes('dice'))).toEqual([
      expect.objectContaining({ interaction: quote.id }),
    ]);
    await expectSurvived(quote, message);
  });

  it('answers a command this version does not know (deployed by another version) with a private note', async () => {
    await deployOlder({ name: 'almanac', description: 'An older command' });
    const almanac = await t.fake.slash('almanac');
    const message = await answerTo(almanac);

    expect(textOf(message)).toContain('/help');
    await expectSurvived(almanac, message);
  });

  it.each([
    ['a record that no longer exists', 'run:/meeting query:no-such-meeting-1999', /can't find a meeting/],
    ['a custom_id this version does not understand', 'v0|legacy|42', /button has expired/],
  ])('answers a button from an old message pointing at %s with a private note', async (_, customId, says) => {
    const click = await t.fake.button(await olderMessage(customId), customId);
    const message = await answerTo(click);

    expect(textOf(message)).toMatch(says);
    await expectSurvived(click, message);
  });

  it('answers autocomplete for an option this version does not have with a valid list', async () => {
    await deployOlder({
      name: 'meeting',
      description: 'Show one meeting',
      options: [
        {
          name: 'query',
          description: 'Which meeting',
          type: ApplicationCommandOptionType.String,
          required: true,
          autocomplete: true,
        },
        {
          name: 'era',
          description: 'An option from another version',
          type: ApplicationCommandOptionType.String,
          autocomplete: true,
        },
      ],
    });
    const typing = await t.fake.autocomplete('meeting', { query: 'Sochi', era: 'sov' }, 'era');
    const response = await typing.response();

    expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(Array.isArray(response.data?.choices)).toBe(true);
    expect(typing.rejections).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logsOf(typing.id).filter((e) => e.msg === 'interaction')).toHaveLength(1);
    await expectAnswered(t.fake);
  });

  it('was refused nothing by the fake but the limits it was told to impose', () => {
    expect(t.fake.rejections).toEqual([]);
    expect(t.fake.unhandled).toEqual([]);
  });
});

describe('the response window guard', () => {
  // No Summit command works this long before answering; a plain client with a slow handler does.
  let fake: FakeDiscord;
  let client: Client;
  let next: () => Promise<Reply>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TOKEN, log: () => {}, waitTimeoutMs: 5_000 });
    client = createClient({ DISCORD_API_URL: fake.apiUrl });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      void withinWindow(interaction, async () => send(interaction, await next(), { hidden: false }));
    });
    await client.login(fake.token);
  });

  afterAll(async () => {
    await client.destroy();
    await fake.close();
  });

  const slowly = (answer: Reply) => async () => {
    await new Promise((resolve) => setTimeout(resolve, 3_300));
    return answer;
  };

  it('defers a command not answered 2 s after it arrived, then fills the deferral in', async () => {
    next = slowly(reply({ title: 'Worth the wait', text: 'An answer that took its time.' }));
    const slow = await fake.slash('slow');

    const callback = await slow.response();
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(messageOf(callback))).toBe(false);
    expect(embedOf(await slow.waitForEdit()).title).toBe('Worth the wait');
    expect(slow.rejections).toEqual([]);
  });

  it('replaces a public deferral with a private follow-up when the answer turns out private', async () => {
    next = slowly(usage('Not quite', 'Only you should see this.'));
    const slow = await fake.slash('slow');

    const followUp = await slow.waitForFollowUp();
    expect(isEphemeral(followUp)).toBe(true);
    expect(embedOf(followUp).title).toBe('Not quite');
    // The public "thinking…" is gone; only the private answer is left.
    expect(slow.messages().map((m) => m.id)).toEqual([followUp.id]);
    expect(slow.rejections).toEqual([]);
  });
});
