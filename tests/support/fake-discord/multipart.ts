/**
 * Messages with files, as Discord takes them: a `multipart/form-data` body whose `payload_json`
 * part is the JSON body and whose `files[n]` parts are the files. The message's `attachments`
 * list them by id `n` (with a filename and an optional description, the alt text), and an embed
 * shows one with `attachment://<filename>`. Discord stores each file as an attachment of the
 * message and rewrites those URLs to the file's CDN address.
 *
 * The body is parsed by Node's own FormData (undici), as any server would parse it.
 */
import type { APIAttachment, APIEmbed } from 'discord.js';
import { DISCORD_LIMITS, type Issue, isRecord } from '../discord-limits.js';
import { snowflake } from './ids.js';

export interface UploadedFile {
  /** The form field: `files[n]`. */
  field: string;
  /** `n` from the field name. */
  index: number;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface Multipart {
  /** The JSON body, its `attachments` replaced by the stored attachments (as Discord would serve them). */
  body: unknown;
  files: UploadedFile[];
  issues: Issue[];
}

const FILE_FIELD = /^files\[(\d+)\]$/;

export async function readMultipart(raw: Buffer, contentType: string): Promise<Multipart> {
  const issues: Issue[] = [];
  const issue = (path: (string | number)[], code: string, message: string) =>
    issues.push({ path, code, message });
  let form: FormData;
  try {
    form = await new Request('http://fake.discord/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
  } catch {
    issue([], 'MULTIPART_INVALID', 'Invalid multipart body');
    return { body: undefined, files: [], issues };
  }
  let body: unknown;
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (field === 'payload_json' && typeof value === 'string') {
      try {
        body = JSON.parse(value);
      } catch {
        issue(['payload_json'], 'JSON_INVALID', 'payload_json is not valid JSON');
      }
      continue;
    }
    const index = FILE_FIELD.exec(field)?.[1];
    if (typeof value === 'string' || index === undefined) {
      issue([field], 'UNKNOWN_FIELD', `Unexpected form field ${field}: files go in files[n]`);
      continue;
    }
    files.push({
      field,
      index: Number(index),
      filename: value.name,
      contentType: value.type,
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  if (body === undefined && !issues.length)
    issue(['payload_json'], 'BASE_TYPE_REQUIRED', 'This field is required');
  return { body, files, issues };
}

/**
 * Checks a body's references to files (none for a JSON body) and replaces them as Discord does:
 * `attachments` become the stored attachments and `attachment://` URLs in embeds their addresses.
 */
export function attachFiles(body: unknown, files: UploadedFile[]): Issue[] {
  const message = messagePart(body);
  return message ? storeAttachments(message, files) : [];
}

/** The message in a body: itself, or the `data` of an interaction callback. */
function messagePart(body: unknown): Record<string, unknown> | undefined {
  if (!isRecord(body)) return undefined;
  return typeof body.type === 'number' && isRecord(body.data) ? body.data : body;
}

function storeAttachments(message: Record<string, unknown>, files: UploadedFile[]): Issue[] {
  const issues: Issue[] = [];
  const listed = Array.isArray(message.attachments) ? message.attachments : [];
  const stored: APIAttachment[] = [];
  for (const file of files) {
    const at = listed.findIndex((a) => isRecord(a) && String(a.id) === String(file.index));
    const entry = (at >= 0 ? listed[at] : {}) as { filename?: unknown; description?: unknown };
    const description = typeof entry.description === 'string' ? entry.description : undefined;
    if (description !== undefined && description.length > DISCORD_LIMITS.attachmentDescription) {
      issues.push({
        path: ['attachments', at, 'description'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${DISCORD_LIMITS.attachmentDescription} or fewer in length.`,
      });
    }
    const filename = typeof entry.filename === 'string' ? entry.filename : file.filename;
    const id = snowflake();
    stored.push({
      id,
      filename,
      size: file.bytes.length,
      url: `https://cdn.discordapp.com/attachments/0/${id}/${filename}`,
      proxy_url: `https://media.discordapp.net/attachments/0/${id}/${filename}`,
      content_type: file.contentType,
      ...(description !== undefined && { description }),
    });
  }
  for (const [at, entry] of listed.entries()) {
    if (!isRecord(entry) || !files.some((f) => String(f.index) === String(entry.id))) {
      issues.push({
        path: ['attachments', at, 'id'],
        code: 'ATTACHMENT_NOT_FOUND',
        message: 'Unknown attachment: no files[n] part has this id',
      });
    }
  }
  const byName = new Map(stored.map((a) => [a.filename, a]));
  const embeds = Array.isArray(message.embeds) ? (message.embeds as APIEmbed[]) : [];
  for (const [index, embed] of embeds.entries()) {
    for (const key of ['image', 'thumbnail'] as const) {
      const url = embed[key]?.url;
      if (!url?.startsWith('attachment://')) continue;
      const attachment = byName.get(url.slice('attachment://'.length));
      if (!attachment) {
        issues.push({
          path: ['embeds', index, key, 'url'],
          code: 'ATTACHMENT_NOT_FOUND',
          message: `${url} names no file uploaded with the message`,
        });
      } else {
        embed[key] = { ...embed[key], url: attachment.url, proxy_url: attachment.proxy_url };
      }
    }
  }
  if (files.length || 'attachments' in message) message.attachments = stored;
  return issues;
}
