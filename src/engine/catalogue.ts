import type { KnowledgeBase, Meeting, Quote, Source } from '../knowledge/model.js';
import type { PlaceRef } from '../knowledge/schema.js';

/** What one meeting involves, worked out once: its places, quotes, people and topics. */
export interface MeetingFacets {
  /** Its place and every place containing it: a venue, its city, its country. */
  places: string[];
  quotes: Quote[];
  people: Set<string>;
  topics: Set<string>;
}

/** The place and every place that contains it: a venue, its city, its country. */
export function placeChain(kb: KnowledgeBase, ref: PlaceRef | undefined): string[] {
  if (!ref || ref.unknown) return [];
  const chain: string[] = [];
  for (const start of [ref.venue, ref.city, ref.region, ref.country]) {
    for (let id = start; id && !chain.includes(id); ) {
      chain.push(id);
      id = kb.place(id)?.within;
    }
  }
  return chain;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The fact base filed every way a question can narrow it: the meetings at each place, about each
 * topic, involving each person, in each year and citing each source, and the quotes of each
 * speaker and source. Built in one pass over the records, so that a filter reads a list instead
 * of scanning every meeting; each list keeps the fact base's order (meetings newest first).
 */
export class Catalogue {
  readonly facets = new Map<string, MeetingFacets>();
  /** Each meeting's position in the fact base's order. */
  readonly order = new Map<Meeting, number>();
  private readonly quoteOrder = new Map<Quote, number>();
  private readonly atPlace = new Map<string, Meeting[]>();
  private readonly aboutTopic = new Map<string, Meeting[]>();
  private readonly withPerson = new Map<string, Meeting[]>();
  private readonly inYear = new Map<number, Meeting[]>();
  private readonly fromSource = new Map<string, Meeting[]>();
  private readonly bySpeaker = new Map<string, Quote[]>();
  private readonly quotesFromSource = new Map<string, Quote[]>();
  private readonly relatedTo = new Map<string, Meeting[]>();
  /** The newest article, by its publication date. */
  readonly latestSource?: Source;
  /** What a random quote is drawn from: the speakers' own words, attributed, of some length. */
  readonly quotable: Quote[] = [];

  private readonly meetings: readonly Meeting[];

  constructor(kb: KnowledgeBase) {
    this.meetings = kb.meetings;
    for (const m of kb.meetings) {
      this.facets.set(m.id, {
        places: placeChain(kb, m.place),
        quotes: [],
        people: new Set(m.participants),
        topics: new Set(m.topics.map((t) => t.topic)),
      });
      for (const e of m.related) push(this.relatedTo, e, m);
    }
    kb.quotes.forEach((q, index) => {
      this.quoteOrder.set(q, index);
      if (q.kind === 'direct' && q.speaker && q.text.length > 40) this.quotable.push(q);
      if (q.speaker) push(this.bySpeaker, q.speaker, q);
      push(this.quotesFromSource, q.source, q);
      const f = q.meeting ? this.facets.get(q.meeting) : undefined;
      if (!f) return;
      f.quotes.push(q);
      for (const id of [q.speaker, q.addressee]) if (id) f.people.add(id);
      for (const t of q.topics) f.topics.add(t);
    });
    for (const e of kb.events) {
      const linked = new Set([...e.meetings, ...(this.relatedTo.get(e.id) ?? []).map((m) => m.id)]);
      for (const id of linked) for (const p of e.people) this.facets.get(id)?.people.add(p);
    }
    kb.meetings.forEach((m, index) => {
      this.order.set(m, index);
      const f = this.facets.get(m.id) as MeetingFacets;
      for (const place of f.places) push(this.atPlace, place, m);
      for (const topic of f.topics) push(this.aboutTopic, topic, m);
      for (const person of f.people) push(this.withPerson, person, m);
      push(this.inYear, m.date.year, m);
      for (const source of m.sources) push(this.fromSource, source, m);
    });
    for (const s of kb.sources) {
      if (!this.latestSource || s.published.sortKey > this.latestSource.published.sortKey)
        this.latestSource = s;
    }
  }

  /** Meetings at a place or anywhere within it. */
  meetingsAt(placeId: string): readonly Meeting[] {
    return this.atPlace.get(placeId) ?? [];
  }

  /** Meetings where a topic came up, in the meeting's own topics or in a quote said at it. */
  meetingsAbout(topicId: string): readonly Meeting[] {
    return this.aboutTopic.get(topicId) ?? [];
  }

  /** Meetings a person took part in or is connected with (see `Engine.peopleOf`). */
  meetingsWith(personId: string): readonly Meeting[] {
    return this.withPerson.get(personId) ?? [];
  }

  meetingsIn(year: number): readonly Meeting[] {
    return this.inYear.get(year) ?? [];
  }

  /** Meetings that cite a source anywhere in their record. */
  meetingsFrom(sourceId: string): readonly Meeting[] {
    return this.fromSource.get(sourceId) ?? [];
  }

  quotesBy(personId: string): readonly Quote[] {
    return this.bySpeaker.get(personId) ?? [];
  }

  quotesFrom(sourceId: string): readonly Quote[] {
    return this.quotesFromSource.get(sourceId) ?? [];
  }

  /** The meetings of several lists, each once, in the fact base's order. */
  inOrderOf(lists: readonly (readonly Meeting[])[]): Meeting[] {
    const total = lists.reduce((n, list) => n + list.length, 0);
    // A few are sorted; many are picked out of the fact base in one pass.
    if (total * 16 < this.meetings.length) {
      const position = (m: Meeting) => this.order.get(m) ?? 0;
      return [...new Set(lists.flat())].sort((a, b) => position(a) - position(b));
    }
    const found = new Uint8Array(this.meetings.length);
    for (const list of lists) for (const m of list) found[this.order.get(m) ?? 0] = 1;
    return this.meetings.filter((_, i) => found[i] === 1);
  }

  /** Quotes in the fact base's order. */
  inOrder(quotes: Quote[]): Quote[] {
    const position = (q: Quote) => this.quoteOrder.get(q) ?? 0;
    return quotes.sort((a, b) => position(a) - position(b));
  }

  /** Meetings that name an event among their related events. */
  meetingsRelatedTo(eventId: string): readonly Meeting[] {
    return this.relatedTo.get(eventId) ?? [];
  }
}
