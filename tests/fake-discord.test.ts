/**
 * Proves the fake Discord against the real discord.js client (not the bot): if these pass, a failure in
 * an end-to-end test of the bot is about the bot.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  type APIUser,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputApplicationCommandData,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  InteractionResponseType,
  type Message,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  Routes,
  StringSelectMenuBuilder,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { choiceProblems, commandProblems, messageProblems } from './support/discord-limits.js';
import { FakeDiscord, type FakeDiscordOptions } from './support/fake-discord/index.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.summit-test-token';
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

interface Harness {
  fake: FakeDiscord;
  client: Client;
  /** Lines the fake logged (refusals, unknown routes). */
  logged: string[];
}

const running: Harness[] = [];

afterEach(async () => {
  for (const { fake, client } of running.splice(0)) {
    await client.destroy();
    await fake.close();
  }
});

/** Starts a fake and a plain discord.js client logged in to it, resolved once the client is ready. */
async function connect(options: FakeDiscordOptions = {}): Promise<Harness> {
  const logged: string[] = [];
  const fake = await FakeDiscord.start({ token: TOKEN, log: (line) => logged.push(line), ...options });
  const client = new Client({ intents: INTENTS, rest: { api: fake.apiUrl } });
  const harness = { fake, client, logged };
  running.push(harness);
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return harness;
}

/** Runs `handle` for every interaction; errors are kept so a test can assert on them. */
function onInteraction(client: Client, handle: (interaction: Interaction) => Promise<unknown>): Error[] {
  const errors: Error[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: Error) => errors.push(error));
  });
  return errors;
}

async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function textChannel(client: Client, id: string): TextChannel {
  const channel = client.channels.cache.get(id);
  if (!channel?.isTextBased() || channel.isDMBased()) throw new Error(`channel ${id} is not cached`);
  return channel as TextChannel;
}

describe('FakeDiscord with a plain discord.js client', () => {
  it('logs in: gateway/bot over REST, IDENTIFY, READY, GUILD_CREATE with channels, roles and the bot member', async () => {
    const { fake, client } = await connect();

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /gateway/bot']);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(fake.requests[0]?.headers['user-agent']).toMatch(/^DiscordBot \(https:\/\/discord\.js\.org/);
    expect(fake.connections).toEqual([{ path: '/', query: { v: '10', encoding: 'json' }, resume: false }]);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]).toMatchObject({ token: TOKEN, intents: (1 << 0) | (1 << 9), shard: [0, 1] });

    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.available).toBe(true);
    const me = guild?.members.me;
    expect(me?.roles.cache.has(fake.guild.botRoleId)).toBe(true);
    const general = textChannel(client, fake.channel('general').id);
    const announcements = textChannel(client, fake.channel('announcements').id);
    expect(me && general.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(me && announcements.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(fake.botPermissions(announcements.id) & PermissionFlagsBits.SendMessages).toBe(0n);
    expect(fake.unhandled).toEqual([]);
  });

  it('refuses a wrong token with 401, which discord.js reports as an invalid token', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
    const client = new Client({ intents: INTENTS, rest: { api: fake.apiUrl } });
    running.push({ fake, client, logged: [] });

    await expect(client.login('wrong.token.value')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.rejections).toMatchObject([{ method: 'GET', path: '/gateway/bot', status: 401 }]);
    expect(fake.identifies).toEqual([]);
  });

  it('registers commands (ids assigned and reused) and dispatches a slash command with its option values', async () => {
    const { fake, client } = await connect();
    const command: ChatInputApplicationCommandData = {
      name: 'ask',
      description: 'Ask a question about the meetings',
      options: [
        {
          name: 'question',
          description: 'What to ask',
          type: ApplicationCommandOptionType.String,
          required: true,
        },
        { name: 'limit', description: 'How many facts', type: ApplicationCommandOptionType.Integer },
        { name: 'where', description: 'Channel to post in', type: ApplicationCommandOptionType.Channel },
      ],
    };
    const registered = await client.application?.commands.set([command]);
    const [first] = fake.registeredCommands();
    expect(registered?.first()?.id).toBe(first?.id);
    await client.application?.commands.set([command]);
    expect(fake.registeredCommands()[0]?.id).toBe(first?.id);

    const seen: string[] = [];
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const where = interaction.options.getChannel('where');
      seen.push(
        interaction.commandId,
        interaction.options.getString('question', true),
        String(interaction.options.getInteger('limit')),
        `${where?.id}:${where && 'name' in where ? where.name : ''}`,
        String(interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)),
      );
      await interaction.reply({ content: 'noted', flags: MessageFlags.Ephemeral });
    });
    const general = fake.channel('general');

    const ask = await fake.slash('ask', { question: 'When?', limit: 3, where: general.id });
    await ask.response();
    expect(seen).toEqual([first?.id, 'When?', '3', `${general.id}:general`, 'true']);

    const member = await fake.slash('ask', { question: 'Who?' }, { user: fake.users.member });
    await member.response();
    expect(seen.at(-1)).toBe('false');
    const viewer = await fake.slash(
      'ask',
      { question: 'Where?' },
      { permissions: PermissionFlagsBits.ViewChannel },
    );
    await viewer.response();
    expect(seen.at(-1)).toBe('false');
    expect(viewer.payload.member?.permissions).toBe(String(PermissionFlagsBits.ViewChannel));
    await expect(fake.slash('ask', { colour: 'red' })).rejects.toThrow(/has no option colour/);
    expect(errors).toEqual([]);
  });

  it('receives an interaction reply: callback without auth, stored as an ephemeral chat-input message', async () => {
    const { fake, client } = await connect();
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = interaction.options.getString('question');
      await interaction.reply({
        content: `You asked: ${question}`,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    });

    const ask = await fake.slash('ask', { question: 'When?' });
    const response = await ask.response();

    expect(response).toEqual({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: expect.objectContaining({ content: 'You asked: When?', flags: MessageFlags.Ephemeral }),
    });
    const callback = fake.requests.find((r) => r.path === `/interactions/${ask.id}/${ask.token}/callback`);
    expect(callback?.query).toEqual({ with_response: 'false' });
    expect(callback?.headers.authorization).toBeUndefined();
    expect(callback?.status).toBe(204);
    expect(ask.original()).toMatchObject({
      content: 'You asked: When?',
      flags: MessageFlags.Ephemeral,
      type: MessageType.ChatInputCommand,
      author: { id: fake.botUser.id, bot: true, discriminator: '0' },
      interaction_metadata: { id: ask.id, type: 2, user: { id: fake.users.moderator.id } },
      allowed_mentions_sent: { parse: [] },
    });
    expect(errors).toEqual([]);
    expect(fake.rejections).toEqual([]);
  });

  it('fills in a deferred reply with editReply (PATCH @original), and returns the message', async () => {
    const { fake, client } = await connect();
    const edited: Message[] = [];
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      edited.push(
        await interaction.editReply({
          embeds: [new EmbedBuilder().setTitle('Answer').setDescription('In 2018.')],
        }),
      );
    });

    const ask = await fake.slash('ask', { question: 'When?' });
    expect(await ask.response()).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 0 },
    });
    const message = await ask.waitForEdit();

    expect(message.embeds).toEqual([{ type: 'rich', title: 'Answer', description: 'In 2018.' }]);
    expect(message.flags).toBe(0);
    expect(message.edited_timestamp).toBeNull();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `PATCH /webhooks/${fake.applicationId}/${ask.token}/messages/@original`,
    );
    await until(() => edited.length === 1, 'editReply to resolve');
    expect(edited[0]?.id).toBe(message.id);
    expect(edited[0]?.embeds[0]?.title).toBe('Answer');
    expect(errors).toEqual([]);
  });

  it('records follow-ups (POST /webhooks/:app/:token?wait=true) as replies to the original response', async () => {
    const { fake, client } = await connect();
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('first');
      const more = await interaction.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
      await interaction.webhook.editMessage(more, { content: 'second, edited' });
    });

    const ask = await fake.slash('ask', { question: 'When?' });
    const followUp = await ask.waitForFollowUp();
    const edit = await ask.waitForEdit(followUp.id);

    expect(followUp).toMatchObject({
      content: 'second',
      flags: MessageFlags.Ephemeral,
      type: MessageType.Reply,
      message_reference: { message_id: ask.original()?.id },
      interaction_metadata: { id: ask.id, original_response_message_id: ask.original()?.id },
    });
    expect(edit.content).toBe('second, edited');
    expect(edit.edited_timestamp).not.toBeNull();
    expect(fake.requests.find((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'))?.query).toEqual({
      wait: 'true',
    });
    expect(ask.messages().map((m) => m.content)).toEqual(['first', 'second, edited']);
    expect(errors).toEqual([]);
  });

  it('takes an autocomplete result (type 8) with the focused value as typed', async () => {
    const { fake, client } = await connect();
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([
        { name: `${typed}en did they meet?`, value: 'when' },
        { name: `${typed}ere did they meet?`, value: 'where' },
      ]);
    });

    const typing = await fake.autocomplete('ask', { question: 'Wh' }, 'question');

    expect(await typing.response()).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: {
        choices: [
          { name: 'When did they meet?', value: 'when' },
          { name: 'Where did they meet?', value: 'where' },
        ],
      },
    });
    const callback = fake.requests.find((r) => r.path.endsWith('/callback'));
    expect(callback?.query).toEqual({});
    expect(errors).toEqual([]);
  });

  it('dispatches a button click on the stored message and applies the update (type 7)', async () => {
    const { fake, client } = await connect();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
    );
    const clickedOn: string[] = [];
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'short', components: [row] });
      if (interaction.isButton()) {
        clickedOn.push(interaction.message.id, String(interaction.message.interactionMetadata?.id));
        await interaction.update({ content: 'long', components: [] });
      }
    });
    const ask = await fake.slash('ask', { question: 'When?' });
    await ask.response();
    const original = ask.original();
    if (original === undefined) throw new Error('no original response');

    const click = await fake.button(original, 'more');

    expect(await click.response()).toMatchObject({ type: InteractionResponseType.UpdateMessage });
    expect(clickedOn).toEqual([original.id, ask.id]);
    expect(fake.storedMessage(original.id)).toMatchObject({ content: 'long', components: [] });
    expect(fake.storedMessage(original.id)?.edited_timestamp).not.toBeNull();
    await expect(fake.button(original, 'more')).rejects.toThrow(/has no button "more"/);
    expect(errors).toEqual([]);
  });

  it('dispatches select-menu values; deferUpdate then editReply edits the menu message', async () => {
    const { fake, client } = await connect();
    const menu = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId('topic')
        .addOptions({ label: 'Meetings', value: 'meetings' }, { label: 'Places', value: 'places' }),
    );
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply({ content: 'Pick one', components: [menu] });
      if (interaction.isStringSelectMenu()) {
        await interaction.deferUpdate();
        await interaction.editReply({ content: `Picked ${interaction.values.join()}`, components: [] });
      }
    });
    const ask = await fake.slash('ask', { question: 'Topics?' });
    await ask.response();
    const original = ask.original();
    if (original === undefined) throw new Error('no original response');

    const pick = await fake.select(original, 'topic', ['places']);

    expect(await pick.response()).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    expect((await pick.waitForEdit()).id).toBe(original.id);
    expect(fake.storedMessage(original.id)?.content).toBe('Picked places');
    await expect(fake.select(original, 'topic', ['nowhere'])).rejects.toThrow(/no select menu/);
    expect(errors).toEqual([]);
  });

  it('answers a mention with message.reply and takes channel.send; 403 where the bot may not send', async () => {
    const { fake, client } = await connect();
    client.on(Events.MessageCreate, (message) => {
      if (message.author.bot || !client.user || !message.mentions.has(client.user)) return;
      void message.reply({ content: 'pong', allowedMentions: { repliedUser: false } });
    });

    const ping = await fake.mention('ping');
    const reply = await ping.reply();

    expect(reply).toMatchObject({
      content: 'pong',
      type: MessageType.Reply,
      message_reference: { message_id: ping.message.id, channel_id: ping.message.channel_id },
      referenced_message: { id: ping.message.id, content: `<@${fake.botUser.id}> ping` },
    });
    const general = textChannel(client, fake.channel('general').id);
    await general.send('hello');
    expect((await fake.nextChannelMessage(general.id)).content).toBe('hello');

    const announcements = textChannel(client, fake.channel('announcements').id);
    const refused = await announcements.send('news').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 403, code: 50013 });
    const unknown = await client.rest
      .post(Routes.channelMessages('1'), { body: { content: 'x' } })
      .catch((e) => e);
    expect(unknown).toMatchObject({ status: 404, code: 10003 });
    expect(await client.channels.fetch(general.id, { force: true })).toMatchObject({ name: 'general' });
  });

  it('hides message content from a client without the MessageContent intent unless the bot is mentioned', async () => {
    const { fake, client } = await connect();
    const contents: string[] = [];
    client.on(Events.MessageCreate, (message) => {
      if (!message.author.bot) contents.push(message.content);
    });

    await fake.message('just chatting');
    await fake.mention('hello bot');
    await until(() => contents.length === 2, 'two messages');

    expect(contents).toEqual(['', `<@${fake.botUser.id}> hello bot`]);
  });

  it('refuses an over-limit embed with 400 / 50035, which the client sees as a DiscordAPIError', async () => {
    const { fake, client, logged } = await connect();
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      // A plain object: EmbedBuilder would refuse the description before it reached the fake.
      await interaction.reply({ embeds: [{ description: 'x'.repeat(5000) }] });
    });

    const ask = await fake.slash('ask', { question: 'When?' });
    await until(() => errors.length === 1, 'the reply to fail');

    const [error] = errors;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect(error?.message).toContain('data.embeds[0].description[BASE_TYPE_MAX_LENGTH]');
    expect(fake.rejections).toEqual([
      expect.objectContaining({
        status: 400,
        code: 50035,
        reasons: ['data.embeds[0].description: Must be 4096 or fewer in length. (got 5000)'],
      }),
    ]);
    expect(ask.rejections).toHaveLength(1);
    expect(logged.some((line) => line.includes('data.embeds[0].description'))).toBe(true);
    await expect(ask.response(50)).rejects.toThrow(/Must be 4096 or fewer/);
  });

  it('refuses a second acknowledgement (40060) and a late one (10062)', async () => {
    const { fake, client } = await connect({ responseWindowMs: 100 });
    const errors = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = interaction.options.getString('question');
      if (question === 'late') await new Promise((resolve) => setTimeout(resolve, 150));
      await interaction.reply('first');
    });

    const twice = await fake.slash('ask', { question: 'twice' });
    await twice.response();
    const again = await client.rest
      .post(Routes.interactionCallback(twice.id, twice.token), {
        body: { type: 4, data: { content: 'again' } },
        auth: false,
      })
      .catch((error: unknown) => error);
    expect(again).toMatchObject({
      status: 400,
      code: 40060,
      message: 'Interaction has already been acknowledged.',
    });

    await fake.slash('ask', { question: 'late' });
    await until(() => errors.length === 1, 'the late reply to fail');
    expect(errors[0]).toMatchObject({ status: 404, code: 10062, message: 'Unknown interaction' });
  });

  it('acknowledges heartbeats, on its interval and when it asks for one', async () => {
    const { fake, client } = await connect({ heartbeatIntervalMs: 30 });

    await until(() => fake.heartbeats.length >= 3, 'three heartbeats');
    expect(fake.heartbeats.every((beat) => beat.acked)).toBe(true);
    expect(fake.heartbeats.at(-1)?.seq).toBeGreaterThanOrEqual(2);
    await until(() => client.ws.ping >= 0, 'the client to measure a ping');

    const before = fake.heartbeats.length;
    fake.setHeartbeatAcks(false);
    fake.requestHeartbeat();
    await until(() => fake.heartbeats.length > before, 'a requested heartbeat');
    expect(fake.heartbeats.at(-1)?.acked).toBe(false);
  });

  it('resumes after it drops the socket (4000): RESUME to the resume URL, nothing to replay, RESUMED', async () => {
    const { fake, client } = await connect();
    const session = await fake.identified();
    const resumed = once(client, Events.ShardResume);
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    });

    expect(fake.dropConnection(4000)).toBe(1);
    const resume = await fake.nextResume(3000);
    await resumed;

    expect(resume).toMatchObject({ sessionId: session.sessionId, replayed: 0 });
    expect(resume.seq).toBeGreaterThanOrEqual(2);
    expect(fake.connections.map((c) => c.resume)).toEqual([false, true]);
    expect(fake.connections[1]?.query).toEqual({ v: '10', encoding: 'json' });
    expect(fake.identifies).toHaveLength(1);
    const ask = await fake.slash('ask', { question: 'After the resume?' });
    expect((await ask.response()).data?.content).toBe('still here');
    expect(errors).toEqual([]);
  });

  it('replays a dispatch missed while disconnected when the client resumes', async () => {
    const { fake, client } = await connect();
    const contents: string[] = [];
    client.on(Events.MessageCreate, (message) => {
      if (!message.author.bot) contents.push(message.content);
    });

    fake.dropConnection(4000);
    await fake.mention('while you were away');
    const resume = await fake.nextResume(3000);

    expect(resume.replayed).toBe(1);
    await until(() => contents.length === 1, 'the replayed message');
    expect(contents).toEqual([`<@${fake.botUser.id}> while you were away`]);
  });

  it('runs guild sub-commands and message context menus; deleteReply removes the response', async () => {
    const { fake, client } = await connect();
    const guild = client.guilds.cache.get(fake.guild.id);
    await guild?.commands.set([
      {
        name: 'facts',
        description: 'Browse the fact base',
        options: [{ name: 'list', description: 'List facts', type: ApplicationCommandOptionType.Subcommand }],
      },
      { name: 'Explain this', type: 3 },
    ]);
    const registered = await fake.commandsRegistered(fake.guild.id);
    const seen: string[] = [];
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        seen.push(`${interaction.commandId} ${interaction.options.getSubcommand()}`);
        await interaction.reply('listing');
        await interaction.deleteReply();
      }
      if (interaction.isMessageContextMenuCommand()) {
        seen.push(`${interaction.commandName} ${interaction.targetMessage.content}`);
        const response = await interaction.reply({ content: 'explained', withResponse: true });
        seen.push(
          `resource: ${response.resource?.message?.content}, ${response.interaction.responseMessageId}`,
        );
      }
    });
    const ping = await fake.mention('what is this?');

    const list = await fake.slash('facts list');
    await until(() => fake.requests.some((r) => r.method === 'DELETE'), 'deleteReply');
    const explain = await fake.messageContextMenu('Explain this', ping.message);
    await explain.response();
    await until(() => seen.length === 3, 'the context-menu reply to resolve');

    expect(seen).toEqual([
      `${registered[0]?.id} list`,
      `Explain this <@${fake.botUser.id}> what is this?`,
      `resource: explained, ${explain.original()?.id}`,
    ]);
    expect(list.original()).toBeUndefined();
    expect(fake.requests.find((r) => r.path.startsWith(`/interactions/${explain.id}/`))).toMatchObject({
      query: { with_response: 'true' },
      status: 200,
    });
    expect(explain.original()?.type).toBe(MessageType.ContextMenuCommand);
    expect(registered.map((c) => [c.name, c.guild_id])).toEqual([
      ['facts', fake.guild.id],
      ['Explain this', fake.guild.id],
    ]);
    expect(errors).toEqual([]);
    expect(fake.rejections).toEqual([]);
  });

  it('serves /users/@me and /applications/@me, and answers unknown routes 404 into `unhandled`', async () => {
    const { fake, client } = await connect();

    const application = await client.application?.fetch();
    const me = await client.users.fetch(fake.botUser.id, { force: true });
    const missing = await client.rest.get(Routes.guildRoles(fake.guild.id)).catch((error: unknown) => error);

    expect(application?.name).toBe('Summit');
    expect(me.bot).toBe(true);
    expect(missing).toMatchObject({ status: 404, code: 0 });
    expect(fake.unhandled.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /guilds/${fake.guild.id}/roles`,
    ]);
  });

  it('tells the client about a permission change, then refuses the send it no longer allows', async () => {
    const { fake, client } = await connect();
    const general = textChannel(client, fake.channel('general').id);
    const updated = once(client, Events.ChannelUpdate);

    fake.denyBot(general.id);
    await updated;

    const me = general.guild.members.me;
    expect(me && general.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    await expect(general.send('hello')).rejects.toMatchObject({ status: 403, code: 50013 });
    expect(fake.rejections[0]?.reasons).toEqual(['the bot lacks SendMessages in #general']);
  });

  it('makes the client reconnect and resume when asked to (op 7)', async () => {
    const { fake } = await connect();
    const session = await fake.identified();

    fake.requestReconnect();
    const resume = await fake.nextResume(3000);

    expect(resume).toMatchObject({ sessionId: session.sessionId, replayed: 0 });
    expect(fake.identifies).toHaveLength(1);
  });

  it('close() leaves no sockets, servers or timers behind', async () => {
    const handles = () =>
      process.getActiveResourcesInfo().filter((type) => type.startsWith('TCP') || type === 'Timeout').length;
    const baseline = handles();
    const { fake, client } = await connect({ heartbeatIntervalMs: 20 });
    const ask = fake.slash('ask', { question: 'anyone?' }).then((handle) => handle.response(60_000));
    const closedWait = expect(ask).rejects.toThrow(/closed/);
    expect(handles()).toBeGreaterThan(baseline);

    await client.destroy();
    await fake.close();
    running.splice(0);

    await closedWait;
    await until(() => handles() <= baseline, `active handles to fall back to ${baseline}`);
    const refused = await fetch(`${fake.apiUrl}/v10/gateway`).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
  });
});

describe('FakeDiscord permissions, as Discord computes and sends them', () => {
  const P = PermissionFlagsBits;
  const GUILD = {
    channels: [
      { name: 'general' },
      { name: 'staff', overwrites: [{ on: 'everyone' as const, deny: P.ViewChannel }] },
      { name: 'read-only', overwrites: [{ on: 'everyone' as const, deny: P.SendMessages }] },
      { name: 'mod-desk', overwrites: [{ on: 'channelModerator' as const, allow: P.ManageMessages }] },
    ],
  };

  it('gives a member Manage Messages in one channel only, in member.permissions and as discord.js computes it', async () => {
    const { fake, client } = await connect({ guilds: [GUILD] });
    const user = fake.users.channelModerator;
    const desk = await fake.slash(
      'ask',
      { question: 'here?' },
      { user, channelId: fake.channel('mod-desk').id },
    );
    const general = await fake.slash('ask', { question: 'there?' }, { user });
    expect(BigInt(desk.payload.member?.permissions ?? 0) & P.ManageMessages).toBe(P.ManageMessages);
    expect(BigInt(general.payload.member?.permissions ?? 0) & P.ManageMessages).toBe(0n);
    const member = await client.guilds.cache.get(fake.guild.id)?.members.fetch(user.id);
    const cached = (name: string) => textChannel(client, fake.channel(name).id);
    expect(member && cached('mod-desk').permissionsFor(member).has(P.ManageMessages)).toBe(true);
    expect(member && cached('general').permissionsFor(member).has(P.ManageMessages)).toBe(false);
    expect(member && cached('staff').permissionsFor(member).has(P.ViewChannel)).toBe(false);
    expect(desk.payload.app_permissions).toBe(String(fake.botPermissions(fake.channel('mod-desk').id)));
  });

  it('resolves a chosen channel with id, name, type and the invoker’s permissions there, nothing about the bot', async () => {
    const { fake } = await connect({ guilds: [GUILD] });
    const staff = fake.channel('staff');
    const readOnly = fake.channel('read-only');
    const resolvedFor = async (user: APIUser, channelId: string) => {
      const interaction = await fake.slash('post', { where: { channel: channelId } }, { user });
      const data = interaction.payload.data as { resolved?: { channels?: Record<string, unknown> } };
      return data.resolved?.channels?.[channelId] as Record<string, unknown>;
    };
    const hidden = await resolvedFor(fake.users.channelModerator, staff.id);
    expect(Object.keys(hidden).sort()).toEqual(['id', 'name', 'permissions', 'type']);
    expect(hidden).toMatchObject({ id: staff.id, name: 'staff', type: staff.type });
    expect(BigInt(hidden.permissions as string) & P.ViewChannel).toBe(0n);
    const readable = BigInt(
      (await resolvedFor(fake.users.channelModerator, readOnly.id)).permissions as string,
    );
    expect(readable & (P.ViewChannel | P.SendMessages)).toBe(P.ViewChannel);
    const owner = BigInt((await resolvedFor(fake.users.owner, staff.id)).permissions as string);
    expect(owner & P.ViewChannel).toBe(P.ViewChannel);
  });

  it('answers the reads a bot computes permissions from: the guild’s roles and owner, a member’s roles', async () => {
    const { fake, client } = await connect({ guilds: [GUILD] });
    const guild = (await client.rest.get(Routes.guild(fake.guild.id))) as {
      owner_id: string;
      roles: unknown[];
    };
    expect(guild.owner_id).toBe(fake.users.owner.id);
    expect(guild.roles).toEqual(fake.guild.roles);
    const moderator = (await client.rest.get(Routes.guildMember(fake.guild.id, fake.users.moderator.id))) as {
      roles: string[];
    };
    expect(moderator.roles).toEqual([fake.guild.moderatorRoleId]);
    await expect(client.rest.get(Routes.guildMember(fake.guild.id, '1'))).rejects.toMatchObject({
      code: 10007,
    });
    expect(fake.unhandled).toEqual([]);
  });
});

describe('FakeDiscord faults', () => {
  /** A raw REST call as the bot would make it, to read the fake's answer as sent. */
  const post = (fake: FakeDiscord, path: string, body: unknown) =>
    fetch(`${fake.apiUrl}/v10${path}`, {
      method: 'POST',
      headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers a rate-limited route 429 with Discord’s headers and body, also to an early retry', async () => {
    const { fake } = await connect();
    const general = fake.channel('general').id;
    fake.rateLimit({ route: 'channel-messages', retryAfterMs: 1_200 });

    const limited = await post(fake, `/channels/${general}/messages`, { content: 'one' });
    const early = await post(fake, `/channels/${general}/messages`, { content: 'two' });

    expect(limited.status).toBe(429);
    expect(Object.fromEntries(limited.headers)).toMatchObject({
      'retry-after': '2',
      'x-ratelimit-limit': expect.stringMatching(/^\d+$/),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': expect.stringMatching(/^\d+\.\d{3}$/),
      'x-ratelimit-reset-after': '1.200',
      'x-ratelimit-bucket': expect.stringMatching(/^[0-9a-f]+$/),
      'x-ratelimit-scope': 'user',
    });
    expect(limited.headers.has('x-ratelimit-global')).toBe(false);
    expect(await limited.json()).toEqual({
      message: 'You are being rate limited.',
      retry_after: 1.2,
      global: false,
    });
    expect(early.status).toBe(429);
    expect(fake.rejections).toEqual([]);
  });

  it('lets discord.js wait out a route’s 429s and deliver the message', async () => {
    const { fake, client } = await connect();
    fake.rateLimit({ route: 'channel-messages', retryAfterMs: 300, times: 2 });

    const sent = await textChannel(client, fake.channel('general').id).send('patience');

    expect(sent.content).toBe('patience');
    expect(fake.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.status)).toEqual([
      429, 429, 200,
    ]);
  });

  it('applies a global limit to every route but interaction endpoints, as Discord does', async () => {
    const { fake, client } = await connect();
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('not bound by the global limit');
    });
    fake.rateLimit({ route: 'channel-messages', retryAfterMs: 5_000, global: true });

    const limited = await post(fake, `/channels/${fake.channel('general').id}/messages`, { content: 'x' });
    const other = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${TOKEN}` } });
    const ask = await fake.slash('ask', { question: 'Still there?' });

    expect(limited.status).toBe(429);
    expect(Object.fromEntries(limited.headers)).toMatchObject({
      'retry-after': '5',
      'x-ratelimit-global': 'true',
      'x-ratelimit-scope': 'global',
    });
    expect(await limited.json()).toMatchObject({ global: true, retry_after: 5 });
    expect(other.status).toBe(429);
    expect((await ask.response()).data?.content).toBe('not bound by the global limit');
    expect(errors).toEqual([]);
    expect(() => fake.rateLimit({ route: 'callback', retryAfterMs: 100, global: true })).toThrow(
      /not bound by the global rate limit/,
    );
  });

  it('counts REST latency against the response window, and lifts faults on clearRestFaults', async () => {
    const { fake, client } = await connect({ responseWindowMs: 300 });
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('at once');
    });
    fake.setLatency(400);

    await fake.slash('ask', { question: 'Too slow a network?' });
    await until(() => errors.length === 1, 'the reply to be refused');
    fake.clearRestFaults();
    const ask = await fake.slash('ask', { question: 'And now?' });

    expect(errors[0]).toMatchObject({ status: 404, code: 10062 });
    expect((await ask.response()).data?.content).toBe('at once');
    expect(ask.responseDelayMs).toBeLessThan(300);
  });

  it('resumes after a socket destroyed without a close frame', async () => {
    const { fake } = await connect();
    const session = await fake.identified();

    expect(fake.severConnection()).toBe(1);
    const resume = await fake.nextResume(3000);

    expect(resume.sessionId).toBe(session.sessionId);
    expect(fake.connections.map((c) => c.resume)).toEqual([false, true]);
    expect(fake.identifies).toHaveLength(1);
  });

  it('replays what it dispatched while held away, in order with its sequence numbers, and times the window from the replay', async () => {
    // Connected before listening: only what comes after the drop is seen.
    const { fake, client } = await connect({ responseWindowMs: 300 });
    const seen: { t: string | null; s: number | null }[] = [];
    client.on(Events.Raw, (packet: { t: string | null; s: number | null }) =>
      seen.push({ t: packet.t, s: packet.s }),
    );
    const errors = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('replayed, and answered');
    });

    const release = fake.holdConnections();
    fake.dropConnection(4000);
    await fake.mention('first while away');
    const ask = await fake.slash('ask', { question: 'second while away' });
    // Longer than the window: the interaction would be refused if its window ran from dispatch.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen).toEqual([]);
    release();
    const resume = await fake.nextResume(3000);

    expect(resume.replayed).toBe(2);
    await until(() => seen.some((p) => p.t === 'RESUMED'), 'RESUMED');
    // Then comes the echo of the reply, which may already be on its way.
    expect(seen.slice(0, 3).map((p) => [p.t, p.s])).toEqual([
      ['MESSAGE_CREATE', resume.seq + 1],
      ['INTERACTION_CREATE', resume.seq + 2],
      ['RESUMED', resume.seq + 3],
    ]);
    expect((await ask.response()).data?.content).toBe('replayed, and answered');
    expect(errors).toEqual([]);
  });

  it('takes a RESUME on the same socket after a resumable op 9, replaying what was sent meanwhile', async () => {
    const { fake, client } = await connect();
    const contents: string[] = [];
    client.on(Events.MessageCreate, (message) => contents.push(message.content));

    fake.invalidateSession(true);
    await fake.mention('sent while invalid');
    const resume = await fake.nextResume(3000);

    expect(resume.replayed).toBe(1);
    await until(() => contents.length === 1, 'the message sent while invalid');
    expect(fake.connections).toHaveLength(1);
    expect(fake.identifies).toHaveLength(1);
  });

  it('forgets a session after a non-resumable op 9, with what it would have dispatched meanwhile', async () => {
    // A bare socket: discord.js spaces its IDENTIFYs 5 s apart, which would only slow this down.
    const fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
    const socket = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json`);
    const frames: { op: number; t?: string; s?: number; d: { session_id?: string; content?: string } }[] = [];
    socket.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    const count = (match: (frame: (typeof frames)[number]) => boolean) => frames.filter(match).length;
    const identify = JSON.stringify({
      op: 2,
      d: { token: TOKEN, intents: INTENTS.reduce((a, b) => a | b), properties: {} },
    });
    try {
      await once(socket, 'open');
      socket.send(identify);
      await until(() => count((f) => f.t === 'READY') === 1, 'READY');
      const sessionId = frames.find((f) => f.t === 'READY')?.d.session_id;

      fake.invalidateSession(false);
      await fake.mention('lost with the session');
      socket.send(JSON.stringify({ op: 6, d: { token: TOKEN, session_id: sessionId, seq: 2 } }));
      await until(() => count((f) => f.op === 9) === 2, 'the RESUME to be refused');
      socket.send(identify);
      await until(() => count((f) => f.t === 'READY') === 2, 'a new READY');
      await fake.mention('after the new IDENTIFY');
      await until(() => count((f) => f.t === 'MESSAGE_CREATE') === 1, 'the message after it');

      expect(frames.filter((f) => f.op === 9).map((f) => f.d)).toEqual([false, false]);
      // The new session numbers from 1: READY, GUILD_CREATE, then the message.
      expect(frames.filter((f) => f.t === 'MESSAGE_CREATE').map((f) => [f.d.content, f.s])).toEqual([
        [`<@${fake.botUser.id}> after the new IDENTIFY`, 3],
      ]);
    } finally {
      socket.terminate();
      await fake.close();
    }
  });

  it('makes a zombie of the live connection only: the client resumes on a connection that is acknowledged', async () => {
    const { fake } = await connect({ heartbeatIntervalMs: 40 });
    const session = await fake.identified();

    expect(fake.zombifyConnection()).toBe(1);
    const resume = await fake.nextResume(3000);
    const beats = fake.heartbeats.length;
    await until(() => fake.heartbeats.length >= beats + 3, 'heartbeats on the new connection');

    expect(resume.sessionId).toBe(session.sessionId);
    expect(fake.heartbeats.slice(beats).every((beat) => beat.acked)).toBe(true);
    expect(fake.heartbeats.some((beat) => !beat.acked)).toBe(true);
  });
});

describe('discord-limits', () => {
  it('accepts a full, valid message', () => {
    const payload = {
      content: 'x'.repeat(2000),
      embeds: [{ title: 'T', description: 'D', fields: [{ name: 'N', value: 'V' }], footer: { text: 'F' } }],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, custom_id: 'a', label: 'A' },
            { type: 2, style: 5, url: 'https://example.com', label: 'Link' },
          ],
        },
        { type: 1, components: [{ type: 3, custom_id: 'b', options: [{ label: 'L', value: 'v' }] }] },
      ],
      allowed_mentions: { parse: [] },
    };
    expect(messageProblems(payload)).toEqual([]);
  });

  it('reports each broken limit with its path', () => {
    const problems = messageProblems({
      content: 'x'.repeat(2001),
      embeds: [
        { title: 't'.repeat(257), fields: [{ name: ' ', value: 'v' }] },
        { description: 'd'.repeat(4096) },
        { description: 'd'.repeat(1700) },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, custom_id: 'same', label: 'A' },
            { type: 3, custom_id: 'same', options: [{ label: 'L', value: 'v' }] },
          ],
        },
        { type: 1, components: [{ type: 2, style: 5, custom_id: 'x', label: 'Link' }] },
      ],
    });
    expect(problems).toEqual([
      'content: Must be 2000 or fewer in length. (got 2001)',
      'embeds[0].title: Must be 256 or fewer in length. (got 257)',
      'embeds[0].fields[0].name: This field is required (empty or whitespace only)',
      'embeds: Embed size exceeds maximum size of 6000 (6055 characters over all embeds)',
      'components[0].components: The specified component exceeds the maximum width (a select menu must be alone in its row)',
      'components[0].components[1].custom_id: Component custom id cannot be duplicated ("same" is also used at components[0].components[0])',
      'components[1].components[0].custom_id: A link button cannot have a custom id',
      'components[1].components[0].url: This field is required',
    ]);
  });

  it('refuses an empty message, except as an edit', () => {
    expect(messageProblems({ content: '  ' })).toEqual(['(message): Cannot send an empty message']);
    expect(messageProblems({ content: '' }, { edit: true })).toEqual([]);
  });

  it('accepts sub-commands in a group and refuses a sub-command in a sub-command', () => {
    const sub = (options?: unknown[]) => ({ name: 'sub', description: 'd', type: 1, options });
    const text = { name: 'text', description: 'd', type: 3 };
    const group = { name: 'group', description: 'd', type: 2, options: [sub([text])] };
    expect(commandProblems([{ name: 'ok', description: 'd', options: [group] }])).toEqual([]);
    expect(commandProblems([{ name: 'bad', description: 'd', options: [sub([sub()])] }])).toEqual([
      '[0].options[0].options[0].type: This option type cannot be in a subcommand',
    ]);
  });

  it('checks autocomplete choices and commands', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({
      name: `c${i}`,
      value: 'v'.repeat(i === 0 ? 101 : 1),
    }));
    expect(choiceProblems(choices)).toEqual([
      'choices: Must be 25 or fewer in length. (got 26)',
      'choices[0].value: Must be 100 or fewer in length. (got 101)',
    ]);
    expect(
      commandProblems([
        { name: 'Ask', description: 'd' },
        { name: 'Ask Summit', type: 3 },
        {
          name: 'big',
          description: 'd',
          options: [{ name: 'o', description: 'x'.repeat(100), type: 3, choices: [] }],
        },
        {
          // 4 + 100 + 25 × (10 + 100) + 25 × 25 × (4 + 1) = 5979 characters.
          name: 'huge',
          description: 'd'.repeat(100),
          options: Array.from({ length: 25 }, (_, i) => ({
            name: `option-${String(i).padStart(3, '0')}`,
            description: 'd'.repeat(100),
            type: 3,
            choices: Array.from({ length: 25 }, () => ({ name: 'name', value: 'v' })),
          })),
        },
      ]),
    ).toEqual([
      '[0].name: Command name is invalid ("Ask": lowercase letters, digits, - and _ only)',
      '[3]: Command exceeds maximum size (4000) (5979 characters in names, descriptions and choices)',
    ]);
  });
});
