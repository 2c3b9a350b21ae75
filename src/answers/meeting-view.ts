import type { Engine } from '../engine/engine.js';
import type { KnowledgeEvent, Meeting } from '../knowledge/model.js';
import { LIMITS, truncate } from '../limits.js';
import {
  citeSources,
  datedLabel,
  dateReasoning,
  eventTitle,
  formatWords,
  fullPlace,
  KIND_NOTE,
  listWords,
  meetingTitle,
  quoteText,
  speakerName,
} from './format.js';
import { type FollowUp, type Reply, type ReplyField, reply } from './reply.js';

const field = (name: string, value: string, inline = false): ReplyField => ({
  name,
  value: truncate(value, LIMITS.fieldValue),
  inline,
});

/** The first sentence of a summary, for lists. */
export function firstSentence(text: string): string {
  const match = text.match(/^.+?[.!?](?=\s|$)/);
  return (match?.[0] ?? text).trim();
}

export function whereLine(engine: Engine, m: Meeting | KnowledgeEvent): string {
  const place = fullPlace(engine.kb, m.place);
  if (!place)
    return 'format' in m && m.format.values.includes('phone')
      ? 'By telephone (no place)'
      : 'Place not stated';
  return m.place?.status === 'inferred' ? `${place} _(inferred)_` : place;
}

/** One meeting as an entry of a list: title, then how it is known and what happened. */
export function meetingBrief(engine: Engine, m: Meeting): ReplyField {
  const how = `${formatWords(m.format.values)} · ${KIND_NOTE[m.kind]}`;
  const date = m.date.status === 'inferred' ? ' · date inferred' : '';
  return field(meetingTitle(engine.kb, m), `_${how}${date}_\n${firstSentence(m.summary)}`);
}

export function meetingFollowUps(m: Meeting): FollowUp[] {
  return [
    { label: 'Details', command: `/meeting query:${m.id}` },
    { label: 'Quotes', command: `/quote meeting:${m.id}` },
    { label: 'Topics', command: `/topics meeting:${m.id}` },
    { label: 'Sources', command: `/sources meeting:${m.id}` },
  ];
}

/** Everything the fact base holds about one meeting. */
export function meetingDetail(engine: Engine, m: Meeting): Reply {
  const { kb } = engine;
  const fields: ReplyField[] = [];
  const reasoning = dateReasoning(m.date);
  fields.push(field('Date', reasoning ? `${datedLabel(m.date)}\n${reasoning}` : datedLabel(m.date)));
  const placeReason = m.place?.status === 'inferred' ? `\n${m.place.reasoning}` : '';
  fields.push(field('Place', `${whereLine(engine, m)}${placeReason}`));
  if (m.occasion) fields.push(field('Occasion', m.occasion.label, true));
  fields.push(field('Format', `${formatWords(m.format.values)} (${KIND_NOTE[m.kind]})`, true));
  const people = m.participants.map((id) => kb.person(id)).map((p) => (p ? `${p.name} (${p.role})` : ''));
  fields.push(field('Participants', listWords(people.filter(Boolean))));
  const topics = m.topics.map((t) => kb.topic(t.topic)?.label).filter((t): t is string => Boolean(t));
  fields.push(
    field('Topics', topics.length ? topics.join(' · ') : 'The articles do not say what was discussed.'),
  );
  const quotes = engine
    .quotesOf(m.id)
    .filter((q) => q.kind === 'direct')
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 2);
  if (quotes.length) {
    fields.push(
      field(
        'Key quotes',
        quotes.map((q) => `${truncate(quoteText(q), 300)} — ${speakerName(kb, q)}`).join('\n'),
      ),
    );
  }
  for (const note of m.notes) fields.push(field('Note', note.text));
  const related = m.related.map((id) => kb.event(id)).filter((e): e is KnowledgeEvent => Boolean(e));
  if (related.length)
    fields.push(field('Related events', related.map((e) => `- ${eventTitle(e)}`).join('\n')));
  fields.push(
    field(
      'Sources',
      m.sources
        .map((id) => kb.source(id)?.title ?? id)
        .map((t) => `- ${t}`)
        .join('\n'),
    ),
  );
  return reply({
    title: meetingTitle(kb, m),
    text: m.summary,
    fields,
    citations: citeSources(kb, m.sources),
    followUps: meetingFollowUps(m).slice(1),
  });
}
