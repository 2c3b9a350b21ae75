import { escapeMarkdown } from '@discordjs/formatters';
import type { KnowledgeBase, KnowledgeEvent, KnownDate, Meeting, Quote, Source } from '../knowledge/model.js';
import type { MeetingFormat, MeetingKind, PlaceRef } from '../knowledge/schema.js';
import { MONTHS } from '../search/dates.js';
import type { Citation } from './reply.js';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "12 September 2019", "November 2018", "2016". */
export function formatDate(date: KnownDate): string {
  const month = date.month ? capitalise(MONTHS[date.month - 1] as string) : '';
  return [date.day, month, date.year].filter(Boolean).join(' ');
}

/** "Sep 2019" style, for one-line labels. */
export function shortDate(date: KnownDate): string {
  const month = date.month ? capitalise((MONTHS[date.month - 1] as string).slice(0, 3)) : '';
  return [date.day, month, date.year].filter(Boolean).join(' ');
}

/** The date with its standing: "30 November 2015 (inferred)". */
export function datedLabel(date: KnownDate): string {
  return date.status === 'inferred' ? `${formatDate(date)} _(inferred)_` : formatDate(date);
}

/** How the date was worked out, for answers that show their reasoning. */
export function dateReasoning(date: KnownDate): string | undefined {
  return date.status === 'inferred' ? date.reasoning : undefined;
}

export function placeName(kb: KnowledgeBase, ref: PlaceRef | undefined): string | undefined {
  if (!ref || ref.unknown) return undefined;
  const id = ref.city ?? ref.region ?? ref.country ?? ref.venue;
  return id ? kb.place(id)?.name : undefined;
}

/** "Bocharov Ruchey, Sochi, Russia" — the venue, its city, and the country where known. */
export function fullPlace(kb: KnowledgeBase, ref: PlaceRef | undefined): string | undefined {
  if (!ref || ref.unknown) return undefined;
  const start = ref.venue ?? ref.city ?? ref.region ?? ref.country;
  const names: string[] = [];
  for (let id = start; id; ) {
    const place = kb.place(id);
    if (!place) break;
    names.push(place.name);
    id = place.within;
  }
  return names.join(', ') || undefined;
}

const FORMAT_WORDS: Record<MeetingFormat, string> = {
  formal: 'formal meeting',
  sidelines: 'talks on the sidelines',
  impromptu: 'impromptu conversation',
  'press-conference': 'joint press conference',
  phone: 'telephone contact',
  visit: 'visit',
};

export function formatWords(formats: readonly MeetingFormat[]): string {
  return formats.map((f) => FORMAT_WORDS[f]).join(', ');
}

export const KIND_NOTE: Record<MeetingKind, string> = {
  reported: 'reported in the articles',
  recalled: 'mentioned in passing',
  photo: 'seen only in a photo caption',
  planned: 'announced for the future',
};

/** "Sochi, 12 September 2019", "Telephone contacts, 2015", "Israel, January 2020 (planned)". */
export function meetingTitle(kb: KnowledgeBase, m: Meeting): string {
  const where =
    placeName(kb, m.place) ?? (m.format.values.includes('phone') ? 'By telephone' : 'Place not stated');
  const planned = m.kind === 'planned' ? ' (planned)' : '';
  return `${where}, ${formatDate(m.date)}${planned}`;
}

/** A one-line label for lists and autocomplete: "Sochi · 12 Sep 2019 · Bocharov Ruchey". */
export function meetingLine(kb: KnowledgeBase, m: Meeting): string {
  const where = placeName(kb, m.place) ?? (m.format.values.includes('phone') ? 'Telephone' : 'Unknown place');
  const venue = m.place?.venue ? kb.place(m.place.venue)?.name : undefined;
  const extra = m.occasion?.label ?? venue ?? formatWords(m.format.values);
  return [where, shortDate(m.date), extra].join(' · ');
}

export function eventTitle(e: KnowledgeEvent): string {
  return `${e.label} (${formatDate(e.date)}${e.date.status === 'inferred' ? ', inferred' : ''})`;
}

export function speakerName(kb: KnowledgeBase, q: Quote): string {
  return q.speaker ? (kb.person(q.speaker)?.name ?? q.speaker) : 'Unattributed';
}

/** When and where a quote was said: its own date and place, else its meeting's or event's. */
export function quoteSetting(kb: KnowledgeBase, q: Quote): { date?: KnownDate; place?: string } {
  const owner = q.meeting ? kb.meeting(q.meeting) : q.event ? kb.event(q.event) : undefined;
  const date = q.date ?? owner?.date;
  const placeRef = q.place ?? owner?.place;
  const place = fullPlace(kb, placeRef);
  return { ...(date && { date }), ...(place && { place }) };
}

export function citeSource(source: Source): Citation {
  return {
    sourceId: source.id,
    title: source.title,
    ...(source.publisher && { publisher: source.publisher }),
    ...(source.url && { url: source.url }),
    published:
      source.published.status === 'inferred'
        ? `${formatDate(source.published)} (inferred)`
        : formatDate(source.published),
  };
}

export function citeSources(kb: KnowledgeBase, ids: Iterable<string>): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const id of ids) {
    const source = kb.source(id);
    if (source && !seen.has(id)) {
      seen.add(id);
      out.push(citeSource(source));
    }
  }
  return out;
}

/** Each citation once: quotes said at the same place and time, from one article, share theirs. */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const citation of citations) seen.set(JSON.stringify(citation), citation);
  return [...seen.values()];
}

export function citeQuote(kb: KnowledgeBase, q: Quote): Citation {
  const source = kb.source(q.source);
  const { date, place } = quoteSetting(kb, q);
  const base: Citation = source
    ? citeSource(source)
    : { sourceId: q.source, title: q.source, published: 'unknown' };
  return {
    ...base,
    quote: {
      speaker: speakerName(kb, q),
      date: date
        ? `${formatDate(date)}${date.status === 'inferred' ? ' (inferred)' : ''}`
        : 'date not stated',
      place: place ?? 'place not stated',
    },
  };
}

/**
 * The quotation as it would be printed: direct words in quotation marks, a paraphrase as reported
 * and said to be one first, so that nobody reads it as the speaker's own words.
 */
export function quoteText(q: Quote): string {
  const words = q.text.replace(/\s+/g, ' ').trim();
  return q.kind === 'direct' ? `“${words}”` : `_(paraphrase)_ ${words}`;
}

const MAX_ECHO = 100;

/**
 * User text shown back in a reply: shortened, Markdown escaped, and mentions broken with a
 * zero-width space so they can never ping even where an adapter forgets allowed mentions.
 */
export function echo(userText: string): string {
  const clean = userText.replace(/\s+/g, ' ').trim();
  const short = clean.length > MAX_ECHO ? `${clean.slice(0, MAX_ECHO - 1)}…` : clean;
  // Break mentions and custom-emoji openers first: escapeMarkdown leaves `_` alone after `<:`.
  const inert = short.replace(/<(?=[@#&:a])/g, '<\u200b').replace(/@/g, '@\u200b');
  // escapeMarkdown's maskedLink option escapes only the first link of a line: escape every `[`.
  return `“${escapeMarkdown(inert).replace(/(?<!\\)\[/g, '\\[')}”`;
}

/** "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
