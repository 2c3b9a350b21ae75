/**
 * How a message mentions the bot: what the gateway's mentions listen for, and what the Ask Summit
 * menu leaves out of a message's text on either transport.
 */

/** The text of a message with mentions of the bot (as a user or through its role) taken out. */
export function withoutMentionOf(content: string, botId: string, botRoleId?: string): string {
  return content
    .replace(mentionOf(botId, botRoleId, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `<@bot>`, `<@!bot>` (the older nickname form) or the bot's own role, `<@&role>`. */
export function mentionOf(botId: string, botRoleId: string | undefined, flags = ''): RegExp {
  return new RegExp(`<@!?${botId}>${botRoleId ? `|<@&${botRoleId}>` : ''}`, flags);
}
