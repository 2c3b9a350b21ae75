/**
 * A small YAML writer for generated records: block mappings, flow lists of scalars, and every
 * string double-quoted (JSON's escapes are valid YAML), so no generated text can change meaning.
 * A general-purpose serialiser would take minutes over a hundred thousand records.
 */

type Scalar = string | number | boolean;

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const scalar = (value: Scalar) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function mapping(record: object, indent: string, out: string[]): void {
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (isScalar(value)) out.push(`${indent}${key}: ${scalar(value)}`);
    else if (Array.isArray(value) && value.every(isScalar)) {
      out.push(`${indent}${key}: [${value.map(scalar).join(', ')}]`);
    } else if (Array.isArray(value)) {
      out.push(`${indent}${key}:`);
      for (const item of value) listItem(item as object, `${indent}  `, out);
    } else {
      out.push(`${indent}${key}:`);
      mapping(value as object, `${indent}  `, out);
    }
  }
}

function listItem(record: object, indent: string, out: string[]): void {
  const start = out.length;
  mapping(record, `${indent}  `, out);
  const first = out[start];
  if (first !== undefined) out[start] = `${indent}- ${first.slice(indent.length + 2)}`;
}

/** One top-level list entry, followed by a blank line. */
export function yamlRecord(record: object): string {
  const out: string[] = [];
  listItem(record, '', out);
  return `${out.join('\n')}\n\n`;
}
