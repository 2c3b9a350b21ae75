/**
 * The real bot, with the real discord.js client, logged in to a fake Discord on 127.0.0.1: each
 * test does what a user does (a slash command, a keystroke in an option, a click, a mention) and
 * checks what the bot posted back. The fake rejects anything Discord would reject.
 */
import { InteractionResponseType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/commands/registry.js';
import { deployCommands, startTestBot, type TestBot } from './support/bot.js';
import { choiceProblems, commandProblems } from './support/discord-limits.js';
import type { StoredMessage } from './support/fake-discord/index.js';
import { buttons, embedOf, isEphemeral, type MessageData, messageOf, textOf } from './support/messages.js';
import { readPng } from './support/png.js';

let t: TestBot;

/** The first picture loads the renderer, which can take seconds on a busy machine. */
const DRAWING_MS = 20_000;

beforeAll(async () => {
  t = await startTestBot();
}, 30_000);

afterAll(async () => {
  await t?.stop();
});

const sourcesOf = (message: MessageData) =>
  (embedOf(message).fields ?? [])
    .filter((f) => /^Sources?\b/.test(f.name))
    .map((f) => f.value)
    .join('\n');

async function slash(name: string, options: Record<string, string | number | boolean> = {}, ctx = {}) {
  const interaction = await t.fake.slash(name, options, ctx);
  const callback = await interaction.response();
  return { interaction, callback, message: messageOf(callback) };
}

function expectNoPings(message: MessageData) {
  expect(message.allowed_mentions?.parse ?? null).toEqual([]);
}

describe('deploying and logging in', () => {
  it('registers every command and the message menu in one bulk overwrite, within Discord’s limits', async () => {
    const commands = t.fake.registeredCommands(t.fake.guild.id);
    expect(commands.map((c) => c.name)).toEqual([
      'ask',
      'meetings',
      'meeting',
      'timeline',
      'quote',
      'when',
      'where',
      'topics',
      'sources',
      'summary',
      'reload',
      'insights',
      'help',
      'Ask Summit',
    ]);
    expect(commandProblems(commands)).toEqual([]);
    const puts = t.fake.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));
    expect(puts).toHaveLength(1);
    const summary = commands.find((c) => c.name === 'summary');
    expect(summary?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageMessages));
    expect(summary?.options?.map((o) => o.name)).toEqual(['meeting', 'channel']);
    const reload = commands.find((c) => c.name === 'reload');
    expect(reload?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageMessages));
    expect(reload?.contexts).toEqual([0]);
    expect(reload?.options ?? []).toEqual([]);
    const ask = commands.find((c) => c.name === 'ask');
    expect(ask?.options?.map((o) => [o.name, o.required ?? false])).toEqual([
      ['question', true],
      ['hide', false],
    ]);
  });

  it('asks only for the Guilds and GuildMessages intents, and does not re-register commands at start', async () => {
    const session = await t.fake.identified();
    expect(session.intents).toBe(513);
    const atLogin = t.fake.requests.slice(t.requestsBeforeLogin);
    expect(atLogin.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /gateway/bot']);
  });
  it('deploys globally when no server is named, and says what it did', async () => {
    const { stdout } = await deployCommands(t.fake);
    // Every slash command of the registry, and the Ask Summit message menu.
    const deployed = commands.length + 1;
    expect(stdout).toMatch(new RegExp(`^Deployed ${deployed} commands globally: ask, meetings`));
    expect(t.fake.registeredCommands()).toHaveLength(deployed);
  });
});

describe('slash commands', () => {
  it('/ask answers a real question with the date, the place and the article it comes from', async () => {
    const { message } = await slash('ask', { question: 'When did Netanyahu and Putin meet in Sochi?' });
    expect(textOf(message)).toContain('12 September 2019');
    expect(sourcesOf(message)).toContain('Bocharov Ruchey');
    expect(isEphemeral(message)).toBe(false);
    expectNoPings(message);
  });

  const everyCommand: [string, Record<string, string | number>, RegExp][] = [
    ['meetings', {}, /8 meetings/],
    ['meetings', { year: 2015 }, /Paris, 30 November 2015/],
    ['meeting', { query: 'sochi-2019' }, /Bocharov Ruchey/],
    ['quote', { speaker: 'putin', query: 'triumph of light' }, /triumph of light/i],
    ['when', { query: 'climate conference' }, /30 November 2015/],
    ['where', { query: 'Sochi' }, /Bocharov Ruchey/],
    ['topics', { meeting: 'sochi-2019' }, /Iran/],
    ['sources', {}, /JNS|Jewish News Syndicate|gov\.il/i],
  ];
  it.each(everyCommand)(
    '/%s %j answers with an embed that cites its source',
    async (name, options, expected) => {
      const { callback, message } = await slash(name, options);
      expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(textOf(message)).toMatch(expected);
      expect(sourcesOf(message)).toMatch(/\]\(<https?:\/\/|“.+”/);
      expectNoPings(message);
    },
  );

  it('/help lists the commands', async () => {
    const { message } = await slash('help');
    expect(textOf(message)).toContain('/summary');
  });

  it('cites a quote with its speaker, place and date', async () => {
    const { message } = await slash('quote', { speaker: 'Putin', query: 'Hanukkah' });
    expect(sourcesOf(message)).toMatch(/Vladimir Putin · [^·]+ · .*\d{4}/);
  });

  it('resolves free text typed without picking a suggestion: typos and a suggestion’s display name', async () => {
    expect(textOf((await slash('when', { query: 'Sotchi' })).message)).toContain('12 September 2019');
    const choices = await t.fake.autocomplete('meetings', { place: 'Soch' }, 'place');
    const [first] = ((await choices.response()).data?.choices ?? []) as { name: string; value: string }[];
    const byName = await slash('meetings', { place: first?.name ?? '' });
    expect(textOf(byName.message)).toContain('Sochi, 12 September 2019');
    expect(byName.message.embeds?.[0]?.title).toBe('Netanyahu–Putin meetings in Sochi');
  });

  it('shows the answer to the asker alone with hide', async () => {
    const { message } = await slash('meeting', { query: 'Sochi', hide: true });
    expect(isEphemeral(message)).toBe(true);
    expect(buttons(message).every((b) => !b.id.startsWith('run:'))).toBe(true);
  });

  it('says privately, and kindly, when an option names nothing in the articles', async () => {
    const { message } = await slash('meetings', { place: 'Atlantis' });
    expect(isEphemeral(message)).toBe(true);
    expect(textOf(message)).toMatch(/I don't know a place called “Atlantis”/);
    expect(textOf(message)).not.toMatch(/Error|at .*\.js/);
  });

  it('says so when the articles do not answer, without guessing', async () => {
    const { message } = await slash('ask', { question: 'Did they meet in London?' });
    expect(textOf(message)).toMatch(/never mention “London”|not in the articles/i);
  });

  it('escapes what the user typed and never pings, even when asked to', async () => {
    const { message } = await slash('meeting', { query: '@everyone **boom** <@123456789012345678>' });
    const text = textOf(message);
    expect(text).not.toContain('@everyone');
    expect(text).not.toMatch(/<@\d+>/);
    expect(text).toContain('\\*\\*boom\\*\\*');
    expectNoPings(message);
  });
});

describe('autocomplete', () => {
  const options: [string, string][] = [
    ['meetings', 'place'],
    ['meetings', 'topic'],
    ['meetings', 'person'],
    ['meeting', 'query'],
    ['quote', 'query'],
    ['quote', 'speaker'],
    ['quote', 'meeting'],
    ['when', 'query'],
    ['where', 'query'],
    ['topics', 'meeting'],
    ['sources', 'meeting'],
    ['summary', 'meeting'],
  ];

  it.each(options)(
    '/%s %s suggests choices for empty input and for a typo, within the limits',
    async (name, option) => {
      for (const typed of ['', 'pu', 'sochy', 'Iarn']) {
        const interaction = await t.fake.autocomplete(name, { [option]: typed }, option);
        const callback = await interaction.response();
        expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
        const choices = (callback.data?.choices ?? []) as { name: string; value: string }[];
        expect(choiceProblems(choices)).toEqual([]);
        if (typed === '') expect(choices.length).toBeGreaterThan(0);
      }
    },
  );

  it('puts the best match first, with its date and place, and its stable id as the value', async () => {
    const interaction = await t.fake.autocomplete('meeting', { query: 'sochy' }, 'query');
    const [first] = ((await interaction.response()).data?.choices ?? []) as { name: string; value: string }[];
    expect(first).toEqual({ name: expect.stringMatching(/^Sochi · 12 Sep 2019/), value: 'sochi-2019' });
  });
});

describe('buttons', () => {
  it('lets the asker turn the pages of a long list in place', async () => {
    const { interaction, message } = await slash('meetings');
    expect(buttons(message).map((b) => b.label)).toContain('Next ▶');
    const original = interaction.original() as StoredMessage;
    const next = await t.fake.button(original, 'page.2:/meetings', {
      user: interaction.payload.member?.user,
    });
    const turned = await next.response();
    expect(turned.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(messageOf(turned)).footer?.text).toBe('Summit · page 2 of 2');
    expect(textOf(messageOf(turned))).toContain('Jerusalem');
  });

  it('shows someone else the page privately instead of turning the asker’s list', async () => {
    const { interaction } = await slash('meetings');
    const original = interaction.original() as StoredMessage;
    const click = await t.fake.button(original, 'page.2:/meetings', { user: t.fake.users.member });
    const response = await click.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(messageOf(response))).toBe(true);
    expect(embedOf(messageOf(response)).footer?.text).toBe('Summit · page 2 of 2');
    expect(t.fake.storedMessage(original.id)?.embeds[0]?.footer?.text).toBe('Summit · page 1 of 2');
  });

  it('answers a follow-up button ("Another quote") with a new message', async () => {
    const { interaction, message } = await slash('quote');
    expect(buttons(message).map((b) => b.label)).toContain('Another quote');
    t.setRandom(() => 0.01);
    const click = await t.fake.button(interaction.original() as StoredMessage, 'run:/quote');
    const response = await click.response();
    t.setRandom(() => 0.5);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(embedOf(messageOf(response)).title).toBe('A random quote');
    expect(embedOf(messageOf(response)).description).not.toBe(embedOf(message).description);
  });

  it('folds a private "which meeting?" away and answers the pick in public', async () => {
    const { interaction, message } = await slash('meeting', { query: 'Paris' });
    expect(isEphemeral(message)).toBe(true);
    const choice = buttons(message).find((b) => b.label.startsWith('Paris, November 2018'));
    expect(choice?.id).toBe('run:/meeting query:paris-2018');
    const click = await t.fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    const folded = await click.response();
    expect(folded.type).toBe(InteractionResponseType.UpdateMessage);
    expect(messageOf(folded)).toMatchObject({
      content: '↓ Paris, November 2018',
      embeds: [],
      components: [],
    });
    const answer = await click.waitForFollowUp();
    expect(isEphemeral(answer)).toBe(false);
    expect(answer.embeds[0]?.title).toBe('Paris, November 2018');
  });

  it('offers more than five candidates in a menu, and answers the pick', async () => {
    const { interaction, message } = await slash('meeting', { query: 'Putin' });
    const [row] = message.components ?? [];
    const menu = row && 'components' in row ? row.components[0] : undefined;
    expect(menu).toMatchObject({ type: 3, custom_id: 'pick' });
    expect(menu && 'options' in menu ? menu.options?.length : 0).toBe(8);
    const pick = await t.fake.select(interaction.original() as StoredMessage, 'pick', [
      '/meeting query:moscow-2016',
    ]);
    expect(messageOf(await pick.response())).toMatchObject({ content: '↓ Moscow, 2016' });
    expect((await pick.waitForFollowUp()).embeds[0]?.title).toBe('Moscow, 2016');
  });

  it('answers a pick in place when the asker wanted the answer hidden', async () => {
    const { interaction, message } = await slash('meeting', { query: 'Paris', hide: true });
    const choice = buttons(message).find((b) => b.label.startsWith('Paris, 30 November 2015'));
    const click = await t.fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    const response = await click.response();
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(messageOf(response)).title).toBe('Paris, 30 November 2015');
  });
});

describe('the Ask Summit menu and mentions', () => {
  it('answers the question in the message the menu is used on, showing that question', async () => {
    const asked = await t.fake.message('what did putin say about hanukkah', { user: t.fake.users.member });
    const menu = await t.fake.messageContextMenu('Ask Summit', asked.message);
    const message = messageOf(await menu.response());
    expect(embedOf(message).author?.name).toBe('❓ what did putin say about hanukkah');
    expect(textOf(message)).toMatch(/Hanukkah|Hannukah|Chanukah/);
    expect(sourcesOf(message)).toContain('Vladimir Putin');
  });

  it('explains privately when the message has no text to ask about', async () => {
    const empty = await t.fake.message(`<@${t.fake.botUser.id}>`, { user: t.fake.users.member });
    await empty.reply(); // the bot answers the bare mention with a hint first
    const menu = await t.fake.messageContextMenu('Ask Summit', empty.message);
    const message = messageOf(await menu.response());
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Nothing to ask');
  });

  it('replies to a mention with the answer, pinging no one, not even the asker', async () => {
    const mention = await t.fake.mention('where did they meet in 2016?', { user: t.fake.users.member });
    const reply = await mention.reply();
    expect(reply.embeds[0]?.title).toMatch(/Moscow/);
    expect(reply.allowed_mentions_sent).toEqual({ parse: [], replied_user: false });
  });

  it('falls back to text where it may not embed links, keeping the sources', async () => {
    const general = t.fake.channel('general').id;
    t.fake.setOverwrite(general, t.fake.guild.botRoleId, { deny: PermissionFlagsBits.EmbedLinks });
    try {
      const mention = await t.fake.mention('when did they meet in Sochi?', { user: t.fake.users.member });
      const reply = await mention.reply();
      expect(reply.embeds).toEqual([]);
      expect(reply.content).toMatch(/12 September 2019[\s\S]*\[1\] /);
      expect(reply.content.length).toBeLessThanOrEqual(2000);
    } finally {
      t.fake.setOverwrite(general, t.fake.guild.botRoleId, { deny: 0n });
    }
  });

  it('stays silent where it may not send messages, and logs why', async () => {
    const general = t.fake.channel('general').id;
    t.fake.denyBot(general);
    try {
      const mention = await t.fake.mention('when did they meet in Sochi?', { user: t.fake.users.member });
      await new Promise((r) => setTimeout(r, 150));
      expect(t.entries().find((e) => e.message === mention.message.id)).toMatchObject({
        outcome: 'cannot-reply',
      });
      expect(t.fake.rejections.filter((r) => r.code === 50013)).toEqual([]);
    } finally {
      t.fake.setOverwrite(general, t.fake.botUser.id, {});
    }
  });

  it('takes command lines in a mention too, and keeps /summary to the slash command', async () => {
    const listing = await t.fake.mention(`<@!${t.fake.botUser.id}> /meetings year:2015`, {
      user: t.fake.users.member,
    });
    expect((await listing.reply()).embeds[0]?.title).toBe('Netanyahu–Putin meetings in 2015');
    const summary = await t.fake.mention('/summary meeting:sochi-2019', { user: t.fake.users.member });
    expect((await summary.reply()).embeds[0]?.title).toBe('Use the slash command');
  });

  it('ignores messages that do not mention it, and other bots', async () => {
    const before = t.fake.requests.filter((r) => r.path.endsWith('/messages')).length;
    await t.fake.message('when did they meet in Sochi?', { user: t.fake.users.member });
    await t.fake.message(`<@${t.fake.botUser.id}> when?`, { user: { ...t.fake.users.member, bot: true } });
    await new Promise((r) => setTimeout(r, 150));
    expect(t.fake.requests.filter((r) => r.path.endsWith('/messages')).length).toBe(before);
  });
});

describe('/summary for moderators', () => {
  it('posts a summary publicly in this channel and tells the moderator privately where it went', async () => {
    const { interaction, callback } = await slash('summary', { meeting: 'sochi-2019' });
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(messageOf(callback))).toBe(true);
    const posted = await t.fake.nextChannelMessage(t.fake.channel('general').id);
    expect(posted.embeds[0]?.title).toBe('Summary: Sochi, 12 September 2019');
    expect(posted.allowed_mentions_sent).toMatchObject({ parse: [] });
    const told = await interaction.waitForEdit();
    expect(told.content).toContain(`Posted **Summary: Sochi, 12 September 2019** in <#${posted.channel_id}>`);
  });

  it('posts a digest of every meeting in the chosen channel', async () => {
    const target = t.fake.guild.channels.find((c) => c.name === 'general');
    await slash('summary', { channel: target?.id ?? '' });
    // The digest is posted with its timeline, drawn first.
    const posted = await t.fake.nextChannelMessage(target?.id, DRAWING_MS);
    expect(posted.embeds[0]?.title).toBe('Netanyahu–Putin meetings: a digest');
    expect(posted.embeds[0]?.fields?.filter((f) => !f.name.startsWith('Source'))).toHaveLength(8);
    expect(posted.attachments.map((a) => a.filename)).toEqual(['timeline.png']);
    expect(posted.embeds[0]?.image?.url).toBe(posted.attachments[0]?.url);
  });

  it('refuses a member without Manage Messages, even if the command reached them', async () => {
    const { message } = await slash('summary', { meeting: 'sochi-2019' }, { user: t.fake.users.member });
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Moderators only');
    expect(textOf(message)).toContain('Manage Messages');
  });

  it('explains which permission it lacks where it cannot post', async () => {
    const announcements = t.fake.channel('announcements').id;
    const { message } = await slash('summary', { meeting: 'sochi-2019', channel: announcements });
    expect(isEphemeral(message)).toBe(true);
    expect(textOf(message)).toContain(`To post in <#${announcements}> I need **Send Messages** there`);
  });

  it('asks "which meeting?" privately, and posts the pick where the moderator asked', async () => {
    const { interaction, message } = await slash('summary', { meeting: 'Paris' });
    expect(isEphemeral(message)).toBe(true);
    const choice = buttons(message).find((b) => b.label.startsWith('Paris, November 2018'));
    expect(choice?.id).toMatch(/^run(\.h)?:\/summary meeting:paris-2018 channel:\d+$/);
    await t.fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    const posted = await t.fake.nextChannelMessage(t.fake.channel('general').id);
    expect(posted.embeds[0]?.title).toBe('Summary: Paris, November 2018');
  });
});

describe('failures', () => {
  it('turns a failing handler into a private apology with a reference that is in the log', async () => {
    t.setRandom(() => {
      throw new Error('the dice fell off the table');
    });
    const { message } = await slash('quote');
    t.setRandom(() => 0.5);
    expect(isEphemeral(message)).toBe(true);
    const reference = textOf(message).match(/reference \*\*(\w+)\*\*/)?.[1];
    expect(reference).toBeDefined();
    expect(textOf(message)).not.toContain('dice');
    const logged = t.entries().find((e) => e.reference === reference);
    expect(logged).toMatchObject({ msg: 'command failed', command: 'quote' });
    // The bot is still up.
    expect(textOf((await slash('when', { query: 'Sochi' })).message)).toContain('2019');
  });

  it('lets two copies of the bot share the work: one answers, the other is told it was already answered', async () => {
    const replica = await startTestBot({}, t.fake);
    try {
      const { interaction } = await slash('when', { query: 'Paris 2018' });
      await new Promise((r) => setTimeout(r, 100));
      expect(interaction.callbacks).toHaveLength(1);
      const outcomes = [...t.entries(), ...replica.entries()]
        .filter((e) => e.interaction === interaction.id && e.msg === 'interaction')
        .map((e) => e.outcome)
        .sort();
      expect(outcomes).toEqual(['answer', 'expired']);
    } finally {
      await replica.stop();
    }
  });

  it('survives answering too late: Discord’s "Unknown interaction" is logged, not thrown', async () => {
    const slow = await startTestBot({ responseWindowMs: 50 });
    try {
      slow.setRandom(() => {
        const until = Date.now() + 120;
        while (Date.now() < until);
        return 0.5;
      });
      const late = await slow.fake.slash('quote');
      await new Promise((r) => setTimeout(r, 300));
      expect(late.rejections.map((r) => r.code)).toEqual([10062]);
      expect(slow.entries().find((e) => e.interaction === late.id && e.msg === 'interaction')).toMatchObject({
        outcome: 'expired',
      });
      slow.setRandom(() => 0.5);
      expect(slow.bot.client.isReady()).toBe(true);
    } finally {
      await slow.stop();
    }
  });

  it('logs one line per interaction with its id, command, user, latency and outcome, and never the token', async () => {
    const { interaction } = await slash('when', { query: 'Sochi' });
    await new Promise((r) => setTimeout(r, 20));
    const entry = t.entries().find((e) => e.interaction === interaction.id);
    expect(entry).toMatchObject({
      msg: 'interaction',
      type: 'command',
      command: 'when',
      user: interaction.payload.member?.user.id,
      outcome: 'answer',
      latencyMs: expect.any(Number),
    });
    expect(t.logs.join('\n')).not.toContain(t.fake.token);
  });

  it('answered everything within Discord’s limits: the fake refused nothing and met no unknown route', () => {
    // The replica's "already acknowledged" is the one refusal that belongs to the test.
    const unexpected = t.fake.rejections.filter((r) => r.code !== 40060);
    expect(unexpected).toEqual([]);
    expect(t.fake.unhandled).toEqual([]);
  });

  it('never put the token, or any part of it, in a log line or in anything it sent to a channel or user', () => {
    const secrets = [t.fake.token, ...t.fake.token.split('.').filter((part) => part.length > 8)];
    const logs = t.logs.join('\n');
    const sent = JSON.stringify(t.fake.requests.map((r) => [r.body, r.query]));
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(sent).not.toContain(secret);
    }
  });
});

describe('/timeline', () => {
  it('uploads the picture with its answer as Discord takes files: payload_json and files[0], shown by attachment://', async () => {
    const { interaction, callback } = await slash('timeline', { topic: 'syria' });
    // The first picture loads the renderer: the bot may defer, then attach with the edit.
    const message =
      callback.type === InteractionResponseType.ChannelMessageWithSource
        ? messageOf(callback)
        : await interaction.waitForEdit(undefined, DRAWING_MS);
    const [attachment] = message.attachments ?? [];
    expect(attachment).toMatchObject({ filename: 'timeline.png' });
    expect(attachment?.description).toMatch(/Moscow Sep 2015.*Moscow 2016.*Sochi 12 Sep 2019/);
    expect(embedOf(message).image?.url).toBe(attachment?.url);
    expect(embedOf(message).title).toBe('Netanyahu–Putin meetings about Syria, 2015–2019');
    expect(sourcesOf(message)).toContain('Bocharov Ruchey');

    const upload = t.fake.requests.find(
      (r) => r.files?.length && (r.path.includes(interaction.id) || r.path.includes(interaction.token)),
    );
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.files?.map((f) => f.field)).toEqual(['files[0]']);
    const png = readPng(upload?.files?.[0]?.bytes ?? new Uint8Array());
    expect(png).toMatchObject({ signature: true, width: 1000 });
    expect(png.inked).toBeGreaterThan(0.02);
    expect(attachment?.size).toBe(upload?.files?.[0]?.bytes.length);
  });

  it('draws a timeline for a mention that asks for one, and answers no picture when nothing matches', async () => {
    const mention = await t.fake.mention('show me a timeline of their meetings in Paris', {
      user: t.fake.users.member,
    });
    const reply = await mention.reply(DRAWING_MS);
    expect(reply.embeds[0]?.title).toBe('Netanyahu–Putin meetings in Paris, 2015–2018');
    expect(reply.attachments).toHaveLength(1);
    expect(reply.embeds[0]?.image?.url).toBe(reply.attachments[0]?.url);

    const { message } = await slash('timeline', { place: 'sochi', from: 2020 });
    expect(embedOf(message).title).toBe('Netanyahu–Putin meetings in Sochi, from 2020');
    expect(textOf(message)).toContain('The articles mention no meeting in Sochi, from 2020');
    expect(message.attachments ?? []).toEqual([]);
    expect(embedOf(message).image).toBeUndefined();
  });

  it('answers a pick from a private "did you mean" in public, with the picture', async () => {
    const { interaction, message } = await slash('timeline', { topic: 'war' });
    expect(isEphemeral(message)).toBe(true);
    const choice = buttons(message).find((b) => b.id === 'run:/timeline topic:syria');
    const click = await t.fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    expect((await click.response()).type).toBe(InteractionResponseType.UpdateMessage);
    const answer = await click.waitForFollowUp(DRAWING_MS);
    expect(isEphemeral(answer)).toBe(false);
    expect(answer.attachments.map((a) => a.filename)).toEqual(['timeline.png']);
    expect(answer.embeds[0]?.image?.url).toBe(answer.attachments[0]?.url);
  });
});
