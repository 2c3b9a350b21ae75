/**
 * Reading a message the way its user does: what it says, its embed, its buttons, and whether
 * only they can see it. The same readers serve interaction responses, edits and channel posts.
 */
import { type APIEmbed, type APIMessage, type APIMessageTopLevelComponent, MessageFlags } from 'discord.js';
import type { InteractionCallback } from './fake-discord/index.js';

/** The parts of a message the tests read, whichever way it reached Discord. */
export type MessageData = Partial<
  Pick<APIMessage, 'embeds' | 'components' | 'content' | 'flags' | 'attachments'>
> & {
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
};

/** The message an interaction response carries (an empty one when it carries none). */
export const messageOf = (callback: InteractionCallback) => (callback.data ?? {}) as MessageData;

/** The message's first embed, where the bot puts its answer. */
export const embedOf = (message: MessageData): APIEmbed => message.embeds?.[0] ?? {};

/** Everything a user reads in the message. */
export function textOf(message: MessageData): string {
  const e = embedOf(message);
  return [
    message.content,
    e.author?.name,
    e.title,
    e.description,
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    e.footer?.text,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The message's buttons that the bot handles (link buttons have no custom id), by id and label. */
export function buttons(message: { components?: APIMessageTopLevelComponent[] }) {
  return (message.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) =>
          'custom_id' in c && 'label' in c ? [{ id: c.custom_id, label: c.label ?? '' }] : [],
        )
      : [],
  );
}

/** Whether only the user who asked can see the message. */
export const isEphemeral = (message: MessageData) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
