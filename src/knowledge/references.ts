import { normaliseForComparison } from '../text/normalise.js';
import type { CollectionName, Place, PlaceRef, RawRecord } from './schema.js';

export type ParsedCollections = { [C in CollectionName]: RawRecord<C>[] };

export interface ReferenceIssue {
  collection: CollectionName;
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

/**
 * The checks a schema cannot make alone: unique ids, references between files, and every span
 * of evidence, quote and context found verbatim in the article it cites.
 */
export function checkReferences(
  data: ParsedCollections,
  articles: Map<string, string>,
  known: {
    invalidIds?: Partial<Record<CollectionName, string[]>>;
    unreadable?: ReadonlySet<CollectionName>;
  } = {},
): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  // Records that failed their schema still exist: one mistake should be reported once, not at every reference.
  const ids = Object.fromEntries(
    (Object.keys(data) as CollectionName[]).map((name) => [
      name,
      new Set([...data[name].map((r) => r.id), ...(known.invalidIds?.[name] ?? [])]),
    ]),
  ) as Record<CollectionName, Set<string>>;
  const places = new Map(data.places.map((p) => [p.id, p]));

  for (const name of Object.keys(data) as CollectionName[]) {
    const seen = new Map<string, number>();
    data[name].forEach((record, index) => {
      const first = seen.get(record.id);
      if (first !== undefined) {
        issues.push({
          collection: name,
          path: [index, 'id'],
          message: `duplicate id "${record.id}" (first used by record [${first}])`,
        });
      } else seen.set(record.id, index);
    });
  }

  const verbatim = (collection: CollectionName, path: Path, sourceId: string, span: string, what: string) => {
    const article = articles.get(sourceId);
    if (article === undefined) return; // an unknown source is reported once, by `ref`
    if (!article.includes(normaliseForComparison(span))) {
      const shown = span.length > 80 ? `${span.slice(0, 77)}...` : span;
      issues.push({
        collection,
        path,
        message: `${what} not found verbatim in source "${sourceId}": "${shown}"`,
      });
    }
  };

  const ref = (collection: CollectionName, path: Path, target: CollectionName, id: string | undefined) => {
    if (id !== undefined && !known.unreadable?.has(target) && !ids[target].has(id)) {
      const singular = target === 'people' ? 'person' : target.replace(/s$/, '');
      issues.push({
        collection,
        path,
        message: `unknown ${singular} "${id}" (no such id in ${target}.yaml)`,
      });
    }
  };

  const refAll = (
    collection: CollectionName,
    path: Path,
    target: CollectionName,
    list: string[],
    key?: string,
  ) => {
    list.forEach((id, j) => {
      ref(collection, key ? [...path, j, key] : [...path, j], target, id);
    });
  };

  /** Every {source, text} span nested anywhere in a record. */
  const walkEvidence = (collection: CollectionName, value: unknown, path: Path) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walkEvidence(collection, item, [...path, i]);
      });
    } else if (value && typeof value === 'object') {
      const { source, text } = value as { source?: unknown; text?: unknown };
      if (typeof source === 'string' && typeof text === 'string' && collection !== 'quotes') {
        ref(collection, [...path, 'source'], 'sources', source);
        verbatim(collection, [...path, 'text'], source, text, 'evidence');
      }
      for (const [key, child] of Object.entries(value)) {
        if (typeof child === 'object') walkEvidence(collection, child, [...path, key]);
      }
    }
  };

  const placeRef = (collection: CollectionName, path: Path, place: PlaceRef | undefined) => {
    if (!place) return;
    const levels = ['country', 'region', 'city', 'venue'] as const;
    for (const level of levels) {
      const id = place[level];
      if (id === undefined) continue;
      const target = places.get(id);
      if (!target) ref(collection, [...path, level], 'places', id);
      else if (target.kind !== level) {
        issues.push({
          collection,
          path: [...path, level],
          message: `"${id}" is a ${target.kind}, not a ${level}`,
        });
      }
    }
    if (place.venue && place.city && places.get(place.venue)?.within !== place.city) {
      issues.push({
        collection,
        path: [...path, 'venue'],
        message: `venue "${place.venue}" is not within city "${place.city}"`,
      });
    }
  };

  data.sources.forEach((s, i) => {
    for (const [key, spans] of [
      ['evidence', s.evidence],
      ['published', s.published.evidence],
    ] as const) {
      spans.forEach((span, j) => {
        const path = key === 'evidence' ? [i, key, j, 'text'] : [i, key, 'evidence', j, 'text'];
        verbatim('sources', path, s.id, span.text, 'evidence');
      });
    }
  });

  data.places.forEach((p, i) => {
    walkEvidence('places', p, [i]);
    if (p.within === undefined) return;
    const parent = places.get(p.within);
    if (!parent) ref('places', [i, 'within'], 'places', p.within);
    else if (!isBroader(parent, p)) {
      issues.push({
        collection: 'places',
        path: [i, 'within'],
        message: `a ${p.kind} cannot be within a ${parent.kind}`,
      });
    }
  });
  data.people.forEach((p, i) => {
    walkEvidence('people', p, [i]);
  });
  data.topics.forEach((t, i) => {
    walkEvidence('topics', t, [i]);
  });

  data.meetings.forEach((m, i) => {
    walkEvidence('meetings', m, [i]);
    refAll('meetings', [i, 'participants'], 'people', m.participants);
    refAll(
      'meetings',
      [i, 'topics'],
      'topics',
      m.topics.map((t) => t.topic),
      'topic',
    );
    refAll('meetings', [i, 'related'], 'events', m.related);
    refAll('meetings', [i, 'date', 'after'], 'meetings', m.date.after ?? []);
    refAll('meetings', [i, 'date', 'before'], 'meetings', m.date.before ?? []);
    placeRef('meetings', [i, 'place'], m.place);
  });

  data.events.forEach((e, i) => {
    walkEvidence('events', e, [i]);
    refAll('events', [i, 'people'], 'people', e.people);
    refAll('events', [i, 'topics'], 'topics', e.topics);
    refAll('events', [i, 'meetings'], 'meetings', e.meetings);
    placeRef('events', [i, 'place'], e.place);
  });

  data.quotes.forEach((q, i) => {
    ref('quotes', [i, 'source'], 'sources', q.source);
    ref('quotes', [i, 'speaker'], 'people', q.speaker);
    ref('quotes', [i, 'addressee'], 'people', q.addressee);
    ref('quotes', [i, 'meeting'], 'meetings', q.meeting);
    ref('quotes', [i, 'event'], 'events', q.event);
    refAll('quotes', [i, 'topics'], 'topics', q.topics);
    verbatim('quotes', [i, 'text'], q.source, q.text, 'quote');
    if (q.context) verbatim('quotes', [i, 'context'], q.source, q.context, 'context');
    for (const key of ['date', 'place'] as const) {
      q[key]?.evidence.forEach((e, j) => {
        ref('quotes', [i, key, 'evidence', j, 'source'], 'sources', e.source);
        verbatim('quotes', [i, key, 'evidence', j, 'text'], e.source, e.text, 'evidence');
      });
    }
    placeRef('quotes', [i, 'place'], q.place);
  });

  return issues;
}

const RANK = { country: 0, region: 1, city: 2, venue: 3 } as const;

function isBroader(parent: Place, child: Place): boolean {
  return RANK[parent.kind] < RANK[child.kind];
}
