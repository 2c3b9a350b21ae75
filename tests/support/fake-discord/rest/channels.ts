/** REST: channels and the messages the bot posts, reads, edits and deletes in them. */
import { type APIMessage, type APITextChannel, MessageFlags, MessageType } from 'discord.js';
import { isRecord, messageIssues } from '../../discord-limits.js';
import { P, permissionNames } from '../guild-model.js';
import { numberOr } from '../json-http.js';
import { botMessage, publicMessage } from '../message-payloads.js';
import type { StoredMessage } from '../types.js';
import {
  DiscordError,
  ok,
  RestHandlers,
  type RestReply,
  type RestRequest,
  type Route,
  route,
  throwIfIssues,
} from './route.js';

export class ChannelHandlers extends RestHandlers {
  override routes(): Route[] {
    return [
      route('GET', '/channels/:channel', true, (r) => ok(this.getChannel(r))),
      route('POST', '/channels/:channel/messages', true, (r) => ok(this.createChannelMessage(r))),
      route('GET', '/channels/:channel/messages/:message', true, (r) => ok(this.getChannelMessage(r))),
      route('PATCH', '/channels/:channel/messages/:message', true, (r) => ok(this.editChannelMessage(r))),
      route('DELETE', '/channels/:channel/messages/:message', true, (r) => this.deleteChannelMessage(r)),
      route('POST', '/channels/:channel/typing', true, (r) => this.typing(r)),
    ];
  }

  private getChannel(request: RestRequest): APITextChannel {
    const channel = this.channelForBot(request.params.channel ?? '', 0n);
    return { ...channel, guild_id: this.state.guildOf(channel.id).id };
  }

  private createChannelMessage(request: RestRequest): APIMessage {
    const channel = this.channelForBot(request.params.channel ?? '', P.SendMessages);
    throwIfIssues(messageIssues(request.body));
    const body = request.body as Record<string, unknown>;
    const reference = this.channelReplyReference(channel.id, body.message_reference);
    const message: StoredMessage = {
      ...botMessage(this.fake.botUser, channel.id, body),
      flags: numberOr(body.flags, 0) & (MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications),
      ...(reference === undefined
        ? {}
        : { type: MessageType.Reply, ...this.state.replyReference(reference) }),
    };
    this.state.storeBotMessage(message);
    this.state.channelMessages.push(structuredClone(message));
    return publicMessage(message);
  }

  /** The referenced message id of a channel reply, after Discord's checks; undefined if not a reply. */
  private channelReplyReference(channelId: string, reference: unknown): string | undefined {
    if (!isRecord(reference)) return undefined;
    if ((this.fake.botPermissions(channelId) & P.ReadMessageHistory) === 0n) {
      throw new DiscordError(403, { code: 50013, message: 'Missing Permissions' }, [
        'replying needs ReadMessageHistory',
      ]);
    }
    const id = typeof reference.message_id === 'string' ? reference.message_id : '';
    if (this.state.messages.get(id)?.channel_id === (reference.channel_id ?? channelId)) return id;
    if (reference.fail_if_not_exists === false) return undefined;
    throwIfIssues([
      { path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' },
    ]);
    return undefined;
  }

  private getChannelMessage(request: RestRequest): APIMessage {
    const channel = this.channelForBot(request.params.channel ?? '', P.ReadMessageHistory);
    return publicMessage(this.channelMessage(channel.id, request.params.message ?? ''));
  }

  private editChannelMessage(request: RestRequest): APIMessage {
    const channel = this.channelForBot(request.params.channel ?? '', 0n);
    const message = this.channelMessage(channel.id, request.params.message ?? '');
    if (message.author.id !== this.fake.botUser.id) {
      throw new DiscordError(403, { code: 50005, message: 'Cannot edit a message authored by another user' });
    }
    throwIfIssues(messageIssues(request.body, { edit: true }));
    this.state.applyEdit(message, isRecord(request.body) ? request.body : {});
    return publicMessage(message);
  }

  private deleteChannelMessage(request: RestRequest): RestReply {
    const channel = this.channelForBot(request.params.channel ?? '', 0n);
    const message = this.channelMessage(channel.id, request.params.message ?? '');
    if (
      message.author.id !== this.fake.botUser.id &&
      (this.fake.botPermissions(channel.id) & P.ManageMessages) === 0n
    ) {
      throw new DiscordError(403, { code: 50013, message: 'Missing Permissions' }, [
        "deleting others' messages needs ManageMessages",
      ]);
    }
    this.state.deleteMessage(message);
    return { status: 204 };
  }

  private typing(request: RestRequest): RestReply {
    this.channelForBot(request.params.channel ?? '', P.SendMessages);
    return { status: 204 };
  }

  /** A channel the bot can see and has `needed` in; Discord's 404/403 otherwise. */
  private channelForBot(channelId: string, needed: bigint): APITextChannel {
    const channel = this.fake.guilds.flatMap((guild) => guild.channels).find((c) => c.id === channelId);
    if (channel === undefined) throw new DiscordError(404, { code: 10003, message: 'Unknown Channel' });
    const permissions = this.fake.botPermissions(channelId);
    if ((permissions & P.ViewChannel) === 0n) {
      throw new DiscordError(403, { code: 50001, message: 'Missing Access' }, [
        `the bot cannot see #${channel.name}`,
      ]);
    }
    const missing = permissionNames(needed & ~permissions);
    if (missing.length) {
      throw new DiscordError(403, { code: 50013, message: 'Missing Permissions' }, [
        `the bot lacks ${missing.join(', ')} in #${channel.name}`,
      ]);
    }
    return channel;
  }

  private channelMessage(channelId: string, messageId: string): StoredMessage {
    const message = this.state.messages.get(messageId);
    if (message?.channel_id !== channelId)
      throw new DiscordError(404, { code: 10008, message: 'Unknown Message' });
    return message;
  }
}
