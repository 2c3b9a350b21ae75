/** Message payloads: a new message as Discord builds it, and as Discord serves it. */
import {
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
  type MessageFlags,
  MessageType,
} from 'discord.js';
import { discordTimestamp, snowflake } from './ids.js';
import type { StoredMessage } from './types.js';

export function baseMessage(channelId: string, author: APIUser, content: string): StoredMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content,
    timestamp: discordTimestamp(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
  };
}

/** A message from the bot built from a validated create payload. */
export function botMessage(bot: APIUser, channelId: string, body: Record<string, unknown>): StoredMessage {
  const message = baseMessage(channelId, bot, typeof body.content === 'string' ? body.content : '');
  message.embeds = normalizeEmbeds(body.embeds);
  message.components = (body.components ?? []) as APIMessageTopLevelComponent[];
  // Files uploaded with the message (see multipart.ts), already stored.
  if (Array.isArray(body.attachments)) message.attachments = body.attachments as APIAttachment[];
  if ('allowed_mentions' in body) message.allowed_mentions_sent = structuredClone(body.allowed_mentions);
  return message;
}

/** The message as Discord serves it: without the fake's bookkeeping. */
export function publicMessage(message: StoredMessage): APIMessage {
  const { allowed_mentions_sent: _sent, ...rest } = message;
  return structuredClone(rest);
}

/** Discord fills in `type: 'rich'` on embeds a bot sends. */
export function normalizeEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed) => ({ type: 'rich', ...(embed as APIEmbed) }) as APIEmbed);
}

export function mentionedIds(content: string, prefix: string): string[] {
  return [...content.matchAll(new RegExp(`<${prefix}(\\d+)>`, 'g'))].flatMap((match) =>
    match[1] ? [match[1]] : [],
  );
}
