import type { Engine } from '../engine/engine.js';
import { spansIn } from '../knowledge/evidence.js';
import type { Meeting, Source } from '../knowledge/model.js';
import { LIMITS, oneLine, truncate } from '../limits.js';
import { citeSource, citeSources, KIND_NOTE, meetingTitle, plural } from './format.js';
import { type Reply, type ReplyField, reply } from './reply.js';

/** "JNS · November 2018 (inferred) · https://…": what a reader needs to find the article. */
function sourceLine(source: Source): string {
  const c = citeSource(source);
  return [c.publisher ?? 'publisher not named', `published ${c.published}`, c.url]
    .filter(Boolean)
    .join(' · ');
}

function sourceField(engine: Engine, source: Source): ReplyField {
  const meetings = engine.catalogue.meetingsFrom(source.id);
  const quotes = engine.catalogue.quotesFrom(source.id).length;
  const reports = meetings.map((m) => meetingTitle(engine.kb, m)).join('; ');
  return {
    name: truncate(source.title, LIMITS.fieldName),
    value: truncate(
      `${sourceLine(source)}\n**Covers:** ${reports || 'no meeting'}\n**Quotes:** ${quotes}${source.notes ? `\n_${source.notes}_` : ''}`,
      LIMITS.fieldValue,
    ),
  };
}

/** The article's own lines on who made it: its credits and its author's lines, verbatim. */
function attribution(engine: Engine, source: Source): string[] {
  const { passages, bySource } = engine.passages;
  const range = bySource.get(source.id);
  if (!range) return [];
  const lines = passages.slice(range.start, range.end).filter((p) => p.role);
  return lines.length ? ['**In its own words:**', ...lines.map((p) => `> ${oneLine(p.text, 300)}`)] : [];
}

/** One article: who published it and when (and how that is known), and what it reports. */
export function sourceCard(engine: Engine, source: Source): Reply {
  const c = citeSource(source);
  const meetings = engine.catalogue.meetingsFrom(source.id);
  const quotes = engine.catalogue.quotesFrom(source.id);
  const published =
    source.published.status === 'inferred' ? `${c.published}. ${source.published.reasoning}` : c.published;
  return reply({
    title: truncate(source.title, LIMITS.embedTitle),
    text: [
      `**Publisher:** ${source.publisher ?? 'not named in the text'}`,
      source.author ? `**Author:** ${source.author}` : '',
      `**Published:** ${published}`,
      source.url ? `**Address:** ${source.url}` : '',
      source.notes ? `_${source.notes}_` : '',
      ...attribution(engine, source),
    ]
      .filter(Boolean)
      .join('\n'),
    fields: [
      {
        name: 'Reports',
        value: truncate(
          meetings.map((m) => `- ${meetingTitle(engine.kb, m)}: ${KIND_NOTE[m.kind]}`).join('\n') ||
            'no meeting',
          LIMITS.fieldValue,
        ),
      },
      { name: 'Quotes', value: plural(quotes.length, 'quotation'), inline: true },
    ],
    citations: [c],
    followUps: meetings
      .slice(0, 3)
      .map((m) => ({ label: meetingTitle(engine.kb, m), command: `/sources meeting:${m.id}` })),
  });
}

export function allSources(engine: Engine): Reply {
  // A message holds so many fields; a fact base of thousands of articles lists its first ones.
  const shown = engine.kb.sources.slice(0, LIMITS.embedFields);
  const more = engine.kb.sources.length - shown.length;
  return reply({
    title: 'Source articles',
    text: `Every answer comes from these **${plural(engine.kb.sources.length, 'article')}**. Publication dates the articles do not print are inferred from their content.${more > 0 ? ` The first ${shown.length} are listed.` : ''}`,
    fields: shown.map((s) => sourceField(engine, s)),
    citations: citeSources(
      engine.kb,
      shown.map((s) => s.id),
    ),
  });
}

/** What each article says about one meeting, in its own words. */
export function meetingSources(engine: Engine, m: Meeting): Reply {
  const spans = (sourceId: string) => [
    ...new Set(
      spansIn([m.evidence, m.date, m.place])
        .filter((span) => span.source === sourceId)
        .map((span) => span.text.replace(/\s+/g, ' ')),
    ),
  ];
  return reply({
    title: `Sources: ${meetingTitle(engine.kb, m)}`,
    text: `**${plural(m.sources.length, 'article')}** ${m.sources.length === 1 ? 'reports' : 'report'} this meeting. What ${m.sources.length === 1 ? 'it says' : 'each says'}, in its own words:`,
    fields: m.sources
      .map((id) => engine.kb.source(id))
      .filter((s): s is Source => Boolean(s))
      .map((s) => ({
        name: truncate(s.title, LIMITS.fieldName),
        value: truncate(
          `${sourceLine(s)}\n${spans(s.id)
            .slice(0, 3)
            .map((t) => `> ${t}`)
            .join('\n')}`,
          LIMITS.fieldValue,
        ),
      })),
    citations: citeSources(engine.kb, m.sources),
    followUps: [{ label: 'Details', command: `/meeting query:${m.id}` }],
  });
}
