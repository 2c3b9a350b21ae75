import type { QuestionRow } from '../store/store.js';

/**
 * The record as a file for a spreadsheet or a script: CSV (RFC 4180) or JSON, a row per
 * question. A cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an
 * apostrophe, as OWASP advises, so that a member's question can never execute on a moderator's
 * machine.
 */

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const COLUMNS = [
  'id',
  'asked_at',
  'guild',
  'via',
  'text',
  'kind',
  'sources',
  'topic',
  'latency_ms',
  'kb_version',
] as const;

function exported(row: QuestionRow) {
  return {
    ...Object.fromEntries(COLUMNS.map((c) => [c, row[c]])),
    asked_at: new Date(row.asked_at).toISOString(),
  } as Record<(typeof COLUMNS)[number], string | number | null>;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes pages of rows as they come: memory stays flat however many there are. */
export async function writeExport(
  pages: AsyncIterable<QuestionRow[]>,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let count = 0;
  await write(format === 'csv' ? `${COLUMNS.join(',')}\r\n` : '[');
  for await (const page of pages) {
    const lines = page.map((row) => {
      const record = exported(row);
      return format === 'csv'
        ? `${COLUMNS.map((c) => csvCell(record[c])).join(',')}\r\n`
        : `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`;
    });
    if (format === 'csv') count += page.length;
    await write(lines.join(''));
  }
  if (format === 'json') await write(count ? '\n]\n' : ']\n');
  return count;
}
