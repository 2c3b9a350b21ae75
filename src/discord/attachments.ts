import type { AttachmentPayload } from 'discord.js';
import type { Reply } from '../answers/reply.js';
import { LIMITS, truncate } from '../limits.js';
import type { Logger } from '../ops/log.js';

/**
 * A reply's file, drawn and ready for discord.js to upload (it sends `payload_json` and
 * `files[n]` as multipart). A file that cannot be drawn costs only the picture: the reply goes
 * without it, since its text holds the answer on its own.
 */
export interface Drawn {
  reply: Reply;
  files: AttachmentPayload[];
}

export async function drawFiles(reply: Reply, onError: (error: unknown) => void): Promise<Drawn> {
  if (!reply.file) return { reply, files: [] };
  const { name, description } = reply.file;
  try {
    const bytes = await reply.file.bytes();
    return {
      reply,
      files: [
        {
          attachment: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          name,
          description: truncate(description, LIMITS.attachmentDescription),
        },
      ],
    };
  } catch (error) {
    onError(error);
    return { reply: withoutFile(reply), files: [] };
  }
}

/** What a failed drawing leaves in the log; the user gets the answer without its picture. */
export const drawingFailed =
  (deps: { log: Logger }) =>
  (err: unknown): void =>
    deps.log.error({ err }, 'could not draw the picture; answered without it');

export function withoutFile(reply: Reply): Reply {
  const { file: _file, ...rest } = reply;
  return rest;
}

/**
 * How long drawing may take before the interaction is acknowledged with a deferral: the first
 * picture loads the renderer, and a large fact base draws slowly, while Discord waits 3 s at most
 * for the first response and the upload itself takes time.
 */
export const DRAW_BEFORE_DEFER_MS = 1_000;

/** The drawing, after calling `defer` if it is not done within `DRAW_BEFORE_DEFER_MS`. */
export async function drawOrDefer(drawing: Promise<Drawn>, defer: () => Promise<unknown>): Promise<Drawn> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAW_BEFORE_DEFER_MS);
  });
  const first = await Promise.race([drawing, late]);
  clearTimeout(timer);
  if (first === 'late') await defer();
  return drawing;
}
