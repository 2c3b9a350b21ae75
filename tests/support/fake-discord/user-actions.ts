/**
 * Users acting: slash commands, autocomplete, buttons, selects, context menus and messages, each
 * dispatched to the bot as Discord would (FakeDiscord's methods of the same names call these).
 */
import {
  type APIApplicationCommand,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteraction,
  type APIInteractionDataResolvedChannel,
  type APIInteractionGuildMember,
  type APIMessageButtonInteractionData,
  type APIMessageComponentGuildInteraction,
  type APIMessageStringSelectInteractionData,
  type APITextChannel,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  GatewayIntentBits,
  InteractionType,
  Locale,
} from 'discord.js';
import type { Gateway } from './gateway.js';
import { channelPermissions, memberOf, withoutUser } from './guild-model.js';
import { InteractionHandle, type InteractionRecord, MessageHandle } from './handles.js';
import { interactionToken, snowflake } from './ids.js';
import { Inbox } from './inbox.js';
import type { FakeDiscord } from './index.js';
import {
  customIds,
  declaredOptions,
  findComponent,
  inferOptionType,
  type LeafOption,
  wrapSubcommand,
} from './interaction-payloads.js';
import { baseMessage, mentionedIds, publicMessage } from './message-payloads.js';
import type { FakeState } from './state.js';
import type { ActorContext, OptionValue, StoredMessage } from './types.js';

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export class UserActions {
  constructor(
    private readonly fake: FakeDiscord,
    private readonly state: FakeState,
    private readonly gateway: Gateway,
  ) {}

  async slash(
    name: string,
    options: Record<string, OptionValue>,
    ctx: ActorContext,
  ): Promise<InteractionHandle> {
    const [commandName = '', ...path] = name.split(' ');
    const command = this.findCommand(commandName, ApplicationCommandType.ChatInput, ctx);
    const resolved: Record<string, APIInteractionDataResolvedChannel> = {};
    const leafOptions = this.commandOptions(command, path, options, resolved, {
      checkRequired: true,
      invoker: ctx.user ?? this.fake.users.moderator,
    });
    const data = {
      id: command?.id ?? snowflake(),
      name: commandName,
      type: ApplicationCommandType.ChatInput,
      options: wrapSubcommand(path, leafOptions),
      ...(Object.keys(resolved).length ? { resolved: { channels: resolved } } : {}),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    };
    const payload = {
      ...this.interactionBase(InteractionType.ApplicationCommand, ctx),
      data,
    } as APIChatInputApplicationCommandGuildInteraction;
    return this.dispatchInteraction(payload, `/${name}`);
  }

  async autocomplete(
    name: string,
    options: Record<string, OptionValue>,
    focused: string,
    ctx: ActorContext,
  ): Promise<InteractionHandle> {
    const [commandName = '', ...path] = name.split(' ');
    const command = this.findCommand(commandName, ApplicationCommandType.ChatInput, ctx);
    const invoker = ctx.user ?? this.fake.users.moderator;
    const leaf = this.commandOptions(command, path, options, {}, { checkRequired: false, invoker }).map(
      (option) =>
        option.name === focused ? { ...option, value: String(option.value), focused: true } : option,
    );
    if (!leaf.some((option) => option.focused)) {
      throw new Error(`autocomplete: the focused option "${focused}" is not among the options given`);
    }
    const payload = {
      ...this.interactionBase(InteractionType.ApplicationCommandAutocomplete, ctx),
      data: {
        id: command?.id ?? snowflake(),
        name: commandName,
        type: ApplicationCommandType.ChatInput,
        options: wrapSubcommand(path, leaf),
      },
    } as APIInteraction;
    return this.dispatchInteraction(payload, `autocomplete /${name} (${focused})`);
  }

  async button(message: StoredMessage, customId: string, ctx: ActorContext): Promise<InteractionHandle> {
    const current = this.state.requireMessage(message.id);
    const component = findComponent(current, customId);
    if (component?.type !== ComponentType.Button) {
      throw new Error(
        `message ${current.id} has no button "${customId}" (it has: ${customIds(current).join(', ')})`,
      );
    }
    if (component.disabled === true)
      throw new Error(`button "${customId}" is disabled; users cannot click it`);
    const data: APIMessageButtonInteractionData = {
      custom_id: customId,
      component_type: ComponentType.Button,
    };
    return this.dispatchComponent(current, data, `button ${customId}`, ctx);
  }

  async select(
    message: StoredMessage,
    customId: string,
    values: string[],
    ctx: ActorContext,
  ): Promise<InteractionHandle> {
    const current = this.state.requireMessage(message.id);
    const component = findComponent(current, customId);
    if (component?.type !== ComponentType.StringSelect) {
      throw new Error(
        `message ${current.id} has no select menu "${customId}" (it has: ${customIds(current).join(', ')})`,
      );
    }
    const offered = new Set(component.options.map((option) => option.value));
    const unknown = values.filter((value) => !offered.has(value));
    if (unknown.length) throw new Error(`select "${customId}" offers no option ${unknown.join(', ')}`);
    const [min, max] = [component.min_values ?? 1, component.max_values ?? 1];
    if (values.length < min || values.length > max) {
      throw new Error(`select "${customId}" takes ${min}–${max} values, not ${values.length}`);
    }
    const data: APIMessageStringSelectInteractionData = {
      custom_id: customId,
      component_type: ComponentType.StringSelect,
      values,
    };
    return this.dispatchComponent(current, data, `select ${customId}`, ctx);
  }

  async messageContextMenu(
    name: string,
    target: StoredMessage,
    ctx: ActorContext,
  ): Promise<InteractionHandle> {
    const current = this.state.requireMessage(target.id);
    const actor = { ...ctx, channelId: current.channel_id };
    const command = this.findCommand(name, ApplicationCommandType.Message, actor);
    const payload = {
      ...this.interactionBase(InteractionType.ApplicationCommand, actor),
      data: {
        id: command?.id ?? snowflake(),
        name,
        type: ApplicationCommandType.Message,
        target_id: current.id,
        resolved: { messages: { [current.id]: publicMessage(current) } },
      },
    } as APIInteraction;
    return this.dispatchInteraction(payload, `context menu "${name}"`);
  }

  async mention(content: string, ctx: ActorContext): Promise<MessageHandle> {
    const mentionsBot =
      content.includes(`<@${this.fake.botUser.id}>`) || content.includes(`<@!${this.fake.botUser.id}>`);
    return this.message(mentionsBot ? content : `<@${this.fake.botUser.id}> ${content}`, ctx);
  }

  async message(content: string, ctx: ActorContext): Promise<MessageHandle> {
    await this.requireClient();
    const author = ctx.user ?? this.fake.users.member;
    const channel = this.fake.channel(this.channelIdOf(ctx));
    const guild = this.state.guildOf(channel.id);
    const message: StoredMessage = {
      ...baseMessage(channel.id, author, content),
      mentions: mentionedIds(content, '@!?').flatMap((id) => {
        const member = guild.members.get(id);
        return member ? [{ ...member.user, member: withoutUser(member) }] : [];
      }),
      mention_roles: mentionedIds(content, '@&').filter((id) => guild.roles.some((role) => role.id === id)),
      mention_everyone: false,
      nonce: snowflake(),
    };
    this.state.messages.set(message.id, message);
    const member = memberOf(guild, author);
    const mentionsBot = message.mentions.some((mentioned) => mentioned.id === this.fake.botUser.id);
    this.gateway.dispatchEach(
      'MESSAGE_CREATE',
      (session) => {
        const hidden = !session.hasIntent(GatewayIntentBits.MessageContent) && !mentionsBot;
        const visible = hidden
          ? { ...message, content: '', embeds: [], attachments: [], components: [] }
          : message;
        return { ...publicMessage(visible), guild_id: guild.id, member: withoutUser(member) };
      },
      GatewayIntentBits.GuildMessages,
    );
    return new MessageHandle(structuredClone(message), this.fake);
  }

  /** The channel an actor acts in: the one given, else the default guild's first (#general). */
  private channelIdOf(ctx: ActorContext): string {
    return ctx.channelId ?? this.fake.guild.channels[0]?.id ?? '';
  }

  /** Fields every guild interaction has: ids, token, guild, channel, member, permissions, locale. */
  private interactionBase(type: InteractionType, ctx: ActorContext) {
    const channel = this.fake.channel(this.channelIdOf(ctx));
    const guild = this.state.guildOf(channel.id);
    const invoker = ctx.user ?? this.fake.users.moderator;
    const member = memberOf(guild, invoker);
    const permissions = ctx.permissions ?? channelPermissions(guild, channel, member);
    const interactionMember: APIInteractionGuildMember = {
      ...member,
      user: invoker,
      permissions: String(permissions),
    };
    return {
      id: snowflake(),
      application_id: this.fake.applicationId,
      type,
      token: interactionToken(),
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      channel: { ...channel, guild_id: guild.id },
      channel_id: channel.id,
      member: interactionMember,
      app_permissions: String(this.fake.botPermissions(channel.id)),
      locale: ctx.locale ?? Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
  }

  private async dispatchComponent(
    message: StoredMessage,
    data: APIMessageButtonInteractionData | APIMessageStringSelectInteractionData,
    label: string,
    ctx: ActorContext,
  ): Promise<InteractionHandle> {
    const payload = {
      ...this.interactionBase(InteractionType.MessageComponent, { ...ctx, channelId: message.channel_id }),
      message: publicMessage(message),
      data,
    } as APIMessageComponentGuildInteraction;
    return this.dispatchInteraction(payload, label);
  }

  private async dispatchInteraction(payload: APIInteraction, label: string): Promise<InteractionHandle> {
    await this.requireClient();
    const record: InteractionRecord = {
      payload,
      label,
      channelId: payload.channel?.id ?? '',
      dispatchedAt: Date.now(),
      acknowledged: false,
      followUpIds: [],
      callbacks: new Inbox(),
      edits: new Inbox(),
      followUps: new Inbox(),
      rejections: [],
    };
    this.state.interactions.set(payload.id, record);
    this.state.interactionsByToken.set(payload.token, record);
    // The response window runs from delivery: for an interaction replayed on RESUME, from the replay.
    const delivered = () => {
      record.dispatchedAt = Date.now();
    };
    this.gateway.dispatch('INTERACTION_CREATE', payload, undefined, delivered);
    return new InteractionHandle(record, this.fake);
  }

  private findCommand(
    name: string,
    type: ApplicationCommandType,
    ctx: ActorContext,
  ): APIApplicationCommand | undefined {
    const guildId = this.state.guildOf(this.channelIdOf(ctx)).id;
    const candidates = [
      ...(this.state.commands.get(guildId) ?? []),
      ...(this.state.commands.get('global') ?? []),
    ];
    return candidates.find((command) => command.name === name && command.type === type);
  }

  /** Builds the leaf options of a command invocation, typed from the registration when there is one. */
  private commandOptions(
    command: APIApplicationCommand | undefined,
    path: string[],
    values: Record<string, OptionValue>,
    resolved: Record<string, APIInteractionDataResolvedChannel>,
    { checkRequired, invoker }: { checkRequired: boolean; invoker: APIUser },
  ): LeafOption[] {
    const declared = declaredOptions(command, path);
    if (declared !== undefined) {
      const label = [command?.name, ...path].join(' ');
      const unknown = Object.keys(values).filter((name) => !declared.some((option) => option.name === name));
      if (unknown.length) throw new Error(`/${label} has no option ${unknown.join(', ')}`);
      const missing = declared.filter(
        (option) => 'required' in option && option.required && !(option.name in values),
      );
      if (checkRequired && missing.length) {
        throw new Error(`/${label} needs option ${missing.map((o) => o.name).join(', ')}`);
      }
    }
    return Object.entries(values).map(([name, value]) => {
      const type = declared?.find((option) => option.name === name)?.type ?? inferOptionType(value);
      if (type === ApplicationCommandOptionType.Channel) {
        const channel = this.fake.channel(typeof value === 'object' ? value.channel : String(value));
        resolved[channel.id] = this.resolvedChannel(channel, invoker);
        return { name, type, value: channel.id };
      }
      return { name, type, value: typeof value === 'object' ? value.channel : value };
    });
  }

  /**
   * A channel chosen in an option, as Discord resolves it: id, name, type, and the invoking
   * member's computed permissions there. Discord sends nothing about the bot's.
   */
  private resolvedChannel(channel: APITextChannel, invoker: APIUser): APIInteractionDataResolvedChannel {
    const guild = this.state.guildOf(channel.id);
    return {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      permissions: String(channelPermissions(guild, channel, memberOf(guild, invoker))),
    };
  }

  /** Waits for an identified client, so a test cannot dispatch into the void. */
  private async requireClient(): Promise<void> {
    if (this.gateway.closed) throw new Error('FakeDiscord is closed');
    await this.fake.identified().catch(() => {
      throw new Error(
        'No discord.js client has identified with the fake; call client.login(fake.token) first',
      );
    });
  }
}
