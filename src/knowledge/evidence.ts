import type { Evidence } from './schema.js';

/** Every evidence span ({source, text}) nested anywhere inside a record, in document order. */
export function spansIn(value: unknown, into: Evidence[] = []): Evidence[] {
  if (Array.isArray(value)) {
    for (const item of value) spansIn(item, into);
  } else if (value && typeof value === 'object') {
    const { source, text } = value as { source?: unknown; text?: unknown };
    if (typeof source === 'string' && typeof text === 'string') into.push({ source, text });
    for (const child of Object.values(value)) spansIn(child, into);
  }
  return into;
}
