import type { SummitMessage } from '../../src/discord/message.js';

/** A message as discord.js puts it on the wire: what Discord (and the fake) checks. */
export function wire(message: SummitMessage) {
  return {
    embeds: message.embeds.map((e) => e.toJSON()),
    components: message.components.map((c) => c.toJSON()),
    allowed_mentions: { parse: [...message.allowedMentions.parse] },
  };
}
