/**
 * What the fake remembers between calls, shared by the REST handlers and the users' actions: stored
 * messages, registered commands and dispatched interactions, with the bookkeeping that keeps stored
 * messages and the gateway in step.
 */
import {
  type APIApplicationCommand,
  type APIAttachment,
  type APIMessage,
  type APIMessageTopLevelComponent,
  GatewayIntentBits,
  MessageFlags,
} from 'discord.js';
import { isEmptyMessage } from '../discord-limits.js';
import type { Gateway } from './gateway.js';
import { memberOf, withoutUser } from './guild-model.js';
import type { InteractionRecord } from './handles.js';
import { discordTimestamp } from './ids.js';
import { Inbox } from './inbox.js';
import type { FakeDiscord } from './index.js';
import { numberOr } from './json-http.js';
import { normalizeEmbeds, publicMessage } from './message-payloads.js';
import { throwIfIssues } from './rest/route.js';
import type { FakeGuild, StoredMessage } from './types.js';

export class FakeState {
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  readonly messages = new Map<string, StoredMessage>();
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly channelMessages = new Inbox<StoredMessage>();
  readonly registrations = new Inbox<{ scope: string; commands: APIApplicationCommand[] }>();

  constructor(
    private readonly fake: FakeDiscord,
    private readonly gateway: Gateway,
  ) {}

  guildOf(channelId: string): FakeGuild {
    const guild = this.fake.guilds.find((g) => g.channels.some((channel) => channel.id === channelId));
    if (guild === undefined) throw new Error(`FakeDiscord has no channel ${channelId}`);
    return guild;
  }

  requireMessage(id: string): StoredMessage {
    const message = this.messages.get(id);
    if (message === undefined) throw new Error(`FakeDiscord has no message ${id} (never sent, or deleted)`);
    return structuredClone(message);
  }

  /** `message_reference` + `referenced_message` for a reply to a stored message. */
  replyReference(messageId: string): Pick<APIMessage, 'message_reference' | 'referenced_message'> {
    const referenced = this.messages.get(messageId);
    if (referenced === undefined) return {};
    return {
      message_reference: {
        type: 0,
        message_id: referenced.id,
        channel_id: referenced.channel_id,
        guild_id: this.guildOf(referenced.channel_id).id,
      },
      referenced_message: publicMessage({ ...referenced, referenced_message: null }),
    };
  }

  /** Stores a new bot message and, unless ephemeral, echoes it on the gateway as Discord does. */
  storeBotMessage(message: StoredMessage): void {
    this.messages.set(message.id, message);
    if ((numberOr(message.flags, 0) & MessageFlags.Ephemeral) === 0) {
      const guildId = this.guildOf(message.channel_id).id;
      const member = withoutUser(memberOf(this.guildOf(message.channel_id), this.fake.botUser));
      this.gateway.dispatch(
        'MESSAGE_CREATE',
        { ...publicMessage(message), guild_id: guildId, member },
        GatewayIntentBits.GuildMessages,
      );
    }
  }

  /**
   * Applies an edit payload the way Discord merges it (only the fields sent change), refusing an edit
   * that would leave the message empty before anything changes.
   */
  applyEdit(message: StoredMessage, body: Record<string, unknown>): void {
    const flags = numberOr(message.flags, 0);
    const next = structuredClone(message);
    if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) next.embeds = normalizeEmbeds(body.embeds);
    if ('components' in body) next.components = (body.components ?? []) as APIMessageTopLevelComponent[];
    if (Array.isArray(body.attachments)) next.attachments = body.attachments as APIAttachment[];
    if ('allowed_mentions' in body) next.allowed_mentions_sent = structuredClone(body.allowed_mentions);
    // Only SUPPRESS_EMBEDS can change on an edit; filling in a deferred reply clears LOADING.
    const suppress = numberOr(body.flags, flags) & MessageFlags.SuppressEmbeds;
    next.flags = (flags & ~(MessageFlags.Loading | MessageFlags.SuppressEmbeds)) | suppress;
    if (isEmptyMessage(next)) {
      throwIfIssues([{ path: [], code: 'MESSAGE_EMPTY', message: 'Cannot send an empty message' }]);
    }
    // Filling in a deferred reply is its first appearance, not an edit.
    next.edited_timestamp = flags & MessageFlags.Loading ? null : discordTimestamp();
    Object.assign(message, next);
    if ((next.flags & MessageFlags.Ephemeral) === 0) {
      const guildId = this.guildOf(message.channel_id).id;
      this.gateway.dispatch(
        'MESSAGE_UPDATE',
        { ...publicMessage(message), guild_id: guildId },
        GatewayIntentBits.GuildMessages,
      );
    }
  }

  deleteMessage(message: StoredMessage): void {
    this.messages.delete(message.id);
    if ((numberOr(message.flags, 0) & MessageFlags.Ephemeral) === 0) {
      const data = {
        id: message.id,
        channel_id: message.channel_id,
        guild_id: this.guildOf(message.channel_id).id,
      };
      this.gateway.dispatch('MESSAGE_DELETE', data, GatewayIntentBits.GuildMessages);
    }
  }
}
