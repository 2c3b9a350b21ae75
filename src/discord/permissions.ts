import { DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord.js';

/** A permission and its name as Discord's settings show it, for telling people what is missing. */
export type NamedPermission = readonly [flag: bigint, name: string];

/** Sending in a thread is a permission of its own. */
export function sendPermission(inThread: boolean): NamedPermission {
  return inThread
    ? [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads']
    : [PermissionFlagsBits.SendMessages, 'Send Messages'];
}

/** What the bot needs to post an embed in a channel, and with a file (a picture), Attach Files. */
export function postPermissions(inThread: boolean, withFile = false): NamedPermission[] {
  return [
    [PermissionFlagsBits.ViewChannel, 'View Channel'],
    sendPermission(inThread),
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
    ...(withFile ? [[PermissionFlagsBits.AttachFiles, 'Attach Files'] as const] : []),
  ];
}

/** Discord refused a request because the bot lacks a permission or access to the channel. */
export function isDenied(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)
  );
}
