import type { RawFile } from 'discord.js';
import type { Reply } from '../answers/reply.js';
import type { BotDeps } from '../discord/answer.js';
import { drawFiles, drawingFailed } from '../discord/attachments.js';
import type { MessageOptions } from '../discord/message.js';
import { type MessageBody, messageBody } from './respond.js';

/**
 * A reply with its file, as a REST call uploads it: the message body lists the file under
 * `attachments` (id, name, alt text) and the file goes beside it as `files[0]`. Discord takes no
 * file in an HTTP response, so replies with one are deferred and attached by the edit that follows.
 */
export interface Upload {
  body: MessageBody;
  files: RawFile[];
}

export async function upload(reply: Reply, options: MessageOptions, deps: BotDeps): Promise<Upload> {
  const drawn = await drawFiles(reply, drawingFailed(deps));
  const body = messageBody(drawn.reply, options);
  const files = drawn.files.map((f) => ({ name: f.name ?? 'file', data: f.attachment as Buffer }));
  return {
    body: {
      ...body,
      ...(files.length && {
        attachments: drawn.files.map((f, id) => ({
          id: String(id),
          filename: f.name ?? 'file',
          ...(f.description && { description: f.description }),
        })),
      }),
    },
    files,
  };
}
