import { type Message, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { type Reply, usage } from '../answers/reply.js';
import { apology, newReference } from '../commands/dispatch.js';
import { commandOf } from '../commands/parse-line.js';
import { answer, type BotDeps } from '../discord/answer.js';
import { drawFiles, drawingFailed, withoutFile } from '../discord/attachments.js';
import { mentionOf, withoutMentionOf } from '../discord/bot-mention.js';
import { mentionVia, recordAnswer } from '../discord/feedback.js';
import { NO_PINGS, toMessage, toText } from '../discord/message.js';
import { sendPermission } from '../discord/permissions.js';
import { isModeratorLine } from '../discord/summary.js';

/**
 * Mentioning the bot with a question (`@Summit when did they meet in Sochi?`, or a command line
 * such as `@Summit /meetings year:2015`) answers it as a reply to that message. Only an explicit
 * mention counts, not the ping of someone replying to one of the bot's messages.
 */

export async function handleMention(message: Message, deps: BotDeps): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || message.system) return;
  const botRoleId = message.guild?.members.me?.roles.botRole?.id;
  if (!mentionOf(me.id, botRoleId).test(message.content)) return;

  const started = performance.now();
  const fields = { message: message.id, type: 'mention', user: message.author.id, guild: message.guildId };
  const permissions = message.inGuild() ? message.channel.permissionsFor(me) : null;
  const [canSend] = sendPermission(message.channel.isThread());
  if (permissions && !permissions.has(canSend)) {
    deps.log.info({ ...fields, outcome: 'cannot-reply' }, 'mention');
    return;
  }

  const question = withoutMentionOf(message.content, me.id, botRoleId);
  const reply = !question
    ? usage(
        'Ask me something',
        'Mention me with a question, like “@Summit when did they meet in Sochi?”, or use `/ask`.',
      )
    : isModeratorLine(question)
      ? usage(
          'Use the slash command',
          'Summaries are posted with the `/summary` command, which checks who may post.',
        )
      : await answer(deps, question, 1, message.author.id);
  const asked = question && !isModeratorLine(question);
  const via = asked ? mentionVia(question) : undefined;
  const feedback = asked
    ? recordAnswer(deps, { ...(via && { via }), text: question, reply, guild: message.guildId, started })
    : undefined;
  let outcome: string = reply.kind;
  try {
    await respond(message, reply, permissions, deps, feedback);
  } catch (error) {
    const reference = newReference();
    deps.log.error({ ...fields, err: error, reference }, 'mention failed');
    outcome = 'failed';
    await respond(message, apology(reference), permissions, deps).catch((second: unknown) =>
      deps.log.warn({ ...fields, err: second }, 'could not send the apology'),
    );
  }
  const latencyMs = performance.now() - started;
  deps.metrics?.observe('mention', question ? commandOf(question) : undefined, outcome, latencyMs / 1000);
  deps.log.info({ ...fields, outcome, latencyMs: Math.round(latencyMs) }, 'mention');
}

/**
 * Replies to the message, falling back where the bot lacks a permission: text instead of an
 * embed without Embed Links, no picture without Attach Files, and a plain message without Read
 * Message History (a reply needs it).
 */
async function respond(
  message: Message,
  reply: Reply,
  permissions: Readonly<PermissionsBitField> | null,
  deps: BotDeps,
  feedback?: string,
): Promise<void> {
  const may = (flag: bigint) => !permissions || permissions.has(flag);
  const embeds = may(PermissionFlagsBits.EmbedLinks);
  const drawn =
    embeds && may(PermissionFlagsBits.AttachFiles)
      ? await drawFiles(reply, drawingFailed(deps))
      : { reply: withoutFile(reply), files: [] };
  const payload = toMessage(drawn.reply, { hidden: false, feedback });
  const body = embeds
    ? { ...payload, files: drawn.files }
    : { content: toText(reply), components: payload.components, allowedMentions: NO_PINGS };
  if (permissions && !permissions.has(PermissionFlagsBits.ReadMessageHistory)) {
    if (message.channel.isSendable()) await message.channel.send(body);
    return;
  }
  await message.reply(body);
}
