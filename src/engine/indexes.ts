import type { KnowledgeBase, KnowledgeEvent, Meeting, Quote, Source } from '../knowledge/model.js';
import type { Person, Place, PlaceRef, Topic } from '../knowledge/schema.js';
import { MONTHS } from '../search/dates.js';
import { STOPWORDS } from '../search/stopwords.js';
import { type Field, TextIndex } from '../search/text-index.js';
import { searchTokens } from '../search/tokens.js';
import { Vocabulary } from '../search/vocabulary.js';
import { type Catalogue, placeChain } from './catalogue.js';

/**
 * The search indexes of a fact base: which words each record is found by, and how much each
 * counts (a place or a name outranks a summary), and the vocabulary every query word is matched
 * against: the words of every index and of every article.
 */
export interface SearchIndexes {
  meeting: TextIndex<Meeting>;
  /**
   * Meetings by what people type into a meeting option: places, occasions, dates, formats,
   * topics and the other people present. Summaries and quotes stay out: their thousands of
   * words would make every typed prefix match nearly every meeting.
   */
  meetingChoice: TextIndex<Meeting>;
  event: TextIndex<KnowledgeEvent>;
  quote: TextIndex<Quote>;
  person: TextIndex<Person>;
  place: TextIndex<Place>;
  topic: TextIndex<Topic>;
  source: TextIndex<Source>;
  vocabulary: Vocabulary;
}

const monthWords = (m: Meeting | KnowledgeEvent) =>
  [String(m.date.year), m.date.month ? MONTHS[m.date.month - 1] : ''].join(' ');

function placeWords(kb: KnowledgeBase, ref: PlaceRef | undefined): string {
  return placeChain(kb, ref)
    .map((id) => kb.place(id))
    .map((p) => (p ? `${p.name} ${p.aliases.join(' ')}` : ''))
    .join(' ');
}

function topicWords(kb: KnowledgeBase, ids: string[]): string {
  return ids
    .map((id) => kb.topic(id))
    .map((t) => (t ? `${t.label} ${t.aliases.join(' ')}` : ''))
    .join(' ');
}

/** Builds every index from the records; `principals` (the two leaders) are left out of meeting choices. */
export function buildIndexes(
  kb: KnowledgeBase,
  catalogue: Catalogue,
  principals: ReadonlySet<string>,
): SearchIndexes {
  const meetingNames = (m: Meeting): Field[] => [
    { text: placeWords(kb, m.place), weight: 3 },
    { text: [m.occasion?.label, ...(m.occasion?.aliases ?? []), ...m.aliases].join(' '), weight: 3 },
    { text: monthWords(m), weight: 2 },
    { text: `${m.format.values.join(' ')} ${m.kind}`, weight: 1.5 },
    {
      text: topicWords(
        kb,
        m.topics.map((t) => t.topic),
      ),
      weight: 1.2,
    },
  ];
  const fieldsOf = {
    person: (p: Person): Field[] => [
      { text: p.name, weight: 3 },
      { text: p.aliases.join(' '), weight: 2.5 },
      { text: p.role, weight: 1 },
    ],
    place: (p: Place): Field[] => [
      { text: p.name, weight: 3 },
      { text: p.aliases.join(' '), weight: 2.5 },
      { text: p.description ?? '', weight: 1 },
    ],
    topic: (t: Topic): Field[] => [
      { text: t.label, weight: 3 },
      { text: t.aliases.join(' '), weight: 2.5 },
    ],
    source: (s: Source): Field[] => [
      { text: s.title, weight: 2 },
      { text: [s.publisher, s.author].filter(Boolean).join(' '), weight: 3 },
      {
        text: catalogue
          .meetingsFrom(s.id)
          .map((m) => `${placeWords(kb, m.place)} ${m.occasion?.label ?? ''} ${m.date.year}`)
          .join(' '),
        weight: 1,
      },
    ],
    meeting: (m: Meeting): Field[] => [
      ...meetingNames(m),
      { text: m.participants.map((p) => kb.person(p)?.name ?? '').join(' '), weight: 0.5 },
      { text: m.summary, weight: 0.6 },
      ...(catalogue.facets.get(m.id)?.quotes ?? []).map((q) => ({ text: q.text, weight: 0.4 })),
    ],
    meetingChoice: (m: Meeting): Field[] => [
      ...meetingNames(m),
      {
        text: m.participants
          .filter((p) => !principals.has(p))
          .map((p) => kb.person(p)?.name ?? '')
          .join(' '),
        weight: 0.5,
      },
    ],
    event: (e: KnowledgeEvent): Field[] => [
      { text: `${e.label} ${e.aliases.join(' ')}`, weight: 3 },
      { text: e.kind, weight: 1 },
      { text: placeWords(kb, e.place), weight: 2 },
      { text: monthWords(e), weight: 2 },
      { text: topicWords(kb, e.topics), weight: 1 },
      { text: e.people.map((p) => kb.person(p)?.name ?? '').join(' '), weight: 1 },
      { text: e.summary, weight: 0.7 },
    ],
    quote: (q: Quote): Field[] => [
      { text: q.text, weight: 2 },
      { text: q.context ?? '', weight: 0.8 },
      { text: topicWords(kb, q.topics), weight: 1.5 },
      { text: q.speaker ? (kb.person(q.speaker)?.name ?? '') : '', weight: 0.5 },
    ],
  };

  // A text several records share (a place's names, a quote in its meeting) is split once.
  const split = new Map<string, string[]>();
  const tokens = (text: string) => {
    const known = split.get(text);
    if (known) return known;
    const made = searchTokens(text);
    split.set(text, made);
    return made;
  };
  let vocabulary: Vocabulary | undefined;
  const lookup = () => vocabulary as Vocabulary;
  const index = <T>(items: T[], fields: (item: T) => Field[]) =>
    TextIndex.build(
      lookup,
      items.map((item) => ({ item, fields: fields(item) })),
      tokens,
    );
  const indexes = {
    meeting: index(kb.meetings, fieldsOf.meeting),
    meetingChoice: index(kb.meetings, fieldsOf.meetingChoice),
    event: index(kb.events, fieldsOf.event),
    quote: index(kb.quotes, fieldsOf.quote),
    person: index(kb.people, fieldsOf.person),
    place: index(kb.places, fieldsOf.place),
    topic: index(kb.topics, fieldsOf.topic),
    source: index(kb.sources, fieldsOf.source),
  };
  split.clear();
  const terms = new Set<string>(STOPWORDS);
  for (const i of Object.values(indexes)) {
    for (const term of i.terms()) terms.add(term);
  }
  for (const source of kb.sources) for (const term of searchTokens(kb.article(source))) terms.add(term);
  const frequency = new Map<string, number>();
  for (const i of Object.values(indexes)) {
    const { offsets } = i.postings;
    let id = 0;
    for (const term of i.postings.terms()) {
      frequency.set(term, (frequency.get(term) ?? 0) + (offsets[id + 1] as number) - (offsets[id] as number));
      id++;
    }
  }
  vocabulary = new Vocabulary(terms, (term) => frequency.get(term) ?? 0);
  return { ...indexes, vocabulary };
}
