import type { KnownDate } from '../knowledge/model.js';
import { foldQuestion } from '../language/index.js';
import { foldForSearch } from '../text/normalise.js';

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

const MONTH_WORDS = new Map<string, number>();
MONTHS.forEach((name, i) => {
  MONTH_WORDS.set(name, i + 1);
  MONTH_WORDS.set(name.slice(0, 3), i + 1);
});
MONTH_WORDS.set('sept', 9);
MONTH_WORDS.delete('may'); // "may" is far more often the verb; the full form is matched with a year only.

/** A word that puts things in order of time, as `parseDates` reads one (the latest, first, final). */
export const ORDER_WORD = /^(?:first|earliest|initial|oldest|1st|latest|last|newest|final|recent|lately)$/;

/** What a question says about time: a point, a range, or an order. */
export interface DateQuery {
  year?: number;
  month?: number;
  day?: number;
  /** Strictly before / after a year; `since` is inclusive. */
  before?: number;
  after?: number;
  from?: number;
  to?: number;
  order?: 'first' | 'last';
  /** The question with the date words taken out, for the rest of the search. */
  rest: string;
  /** A readable statement of the constraint, e.g. "in 2016", "before 2016". */
  description?: string;
}

const YEAR = '(1[89]\\d\\d|20\\d\\d)';
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const monthOf = (word: string) => MONTH_WORDS.get(word) ?? (word === 'may' ? 5 : undefined);

/** Reads the date constraints out of a question ("in 2016", "September 2019", "before 2016", "the first"). */
export function parseDateQuery(question: string): DateQuery {
  let rest = ` ${foldForSearch(question)} `;
  const q: DateQuery = { rest: '' };
  const take = (re: RegExp, apply: (m: RegExpMatchArray) => void) => {
    const m = rest.match(re);
    if (!m) return false;
    apply(m);
    rest = rest.replace(m[0], ' ');
    return true;
  };

  take(new RegExp(` between ${YEAR} and ${YEAR} `), (m) => {
    q.from = Math.min(Number(m[1]), Number(m[2]));
    q.to = Math.max(Number(m[1]), Number(m[2]));
  }) ||
    take(new RegExp(` (?:from|between) ${YEAR} (?:to|until|till|through) ${YEAR} `), (m) => {
      q.from = Number(m[1]);
      q.to = Number(m[2]);
    }) ||
    take(new RegExp(` (?:before|prior to|earlier than|until|pre) ${YEAR} `), (m) => {
      q.before = Number(m[1]);
    }) ||
    take(new RegExp(` (?:after|later than|post) ${YEAR} `), (m) => {
      q.after = Number(m[1]);
    }) ||
    take(new RegExp(` since ${YEAR} `), (m) => {
      q.from = Number(m[1]);
    }) ||
    // 2015-11-30, and 30/11/2015 read day first unless only month first makes sense (11/30/2015).
    take(new RegExp(` (?:on )?${YEAR} (\\d{1,2}) (\\d{1,2}) `), (m) => {
      setNumericDate(q, Number(m[3]), Number(m[2]), Number(m[1]));
    }) ||
    take(new RegExp(` (?:on )?(\\d{1,2}) (\\d{1,2}) ${YEAR} `), (m) => {
      const [a, b] = [Number(m[1]), Number(m[2])];
      if (a <= 12 && b > 12) setNumericDate(q, b, a, Number(m[3]));
      else setNumericDate(q, a, b, Number(m[3]));
    }) ||
    take(
      new RegExp(` (?:on |in )?(?:(\\d{1,2}) ${MONTH}|${MONTH} (\\d{1,2})(?:st|nd|rd|th)?),? ${YEAR} `),
      (m) => {
        q.day = Number(m[1] ?? m[4]);
        q.month = monthOf((m[2] ?? m[3]) as string);
        q.year = Number(m[5]);
      },
    ) ||
    take(new RegExp(` (?:in )?${MONTH},? (?:of )?${YEAR} `), (m) => {
      q.month = monthOf(m[1] as string);
      q.year = Number(m[2]);
    }) ||
    take(new RegExp(` (?:in |during |of )?(?:the year )?${YEAR}(?! \\d)`), (m) => {
      q.year = Number(m[1]);
    });

  if (q.month === undefined && q.year === undefined) {
    // After "in" or "during", "may" is the month: the verb never follows them.
    take(
      / (?:in |during )(jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?) /,
      (m) => {
        q.month = monthOf(m[1] as string);
      },
    );
  }

  // "First" orders meetings unless, written as English writes it, it is part of a name ("the First
  // World War" is "world war 1") or counts a number ("the first 25 years").
  const ordinal = / (?:the )?(?:first|earliest|initial|oldest|1st) /;
  const ordering = / (?:the )?(?:earliest|initial|oldest|1st) (?!\d)/.test(` ${foldQuestion(rest)} `);
  (ordering &&
    take(ordinal, () => {
      q.order = 'first';
    })) ||
    take(/ (?:the )?(?:most recent|latest|last|newest|final|recent|lately) /, () => {
      q.order = 'last';
    });

  q.rest = rest.replace(/\s+/g, ' ').trim();
  const description = describe(q);
  if (description) q.description = description;
  return q;
}

function setNumericDate(q: DateQuery, day: number, month: number, year: number): void {
  q.year = year;
  if (month >= 1 && month <= 12) q.month = month;
  if (q.month && day >= 1 && day <= 31) q.day = day;
}

function describe(q: DateQuery): string | undefined {
  const parts: string[] = [];
  if (q.year !== undefined || q.month !== undefined) {
    const month = q.month ? `${capitalise(MONTHS[q.month - 1] as string)} ` : '';
    parts.push(`${q.day ? 'on' : 'in'} ${q.day ? `${q.day} ` : ''}${month}${q.year ?? ''}`.trim());
  }
  if (q.before !== undefined) parts.push(`before ${q.before}`);
  if (q.after !== undefined) parts.push(`after ${q.after}`);
  if (q.from !== undefined && q.to !== undefined) parts.push(`between ${q.from} and ${q.to}`);
  else if (q.from !== undefined) parts.push(`since ${q.from}`);
  return parts.length ? parts.join(', ') : undefined;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether a known date can satisfy a query. A year-only date does not match a month filter. */
export function dateMatches(date: KnownDate, q: DateQuery): boolean {
  if (q.year !== undefined && date.year !== q.year) return false;
  if (q.month !== undefined && date.month !== q.month) return false;
  if (q.day !== undefined && date.day !== q.day) return false;
  if (q.before !== undefined && date.year >= q.before) return false;
  if (q.after !== undefined && date.year <= q.after) return false;
  if (q.from !== undefined && date.year < q.from) return false;
  if (q.to !== undefined && date.year > q.to) return false;
  return true;
}

export function hasDateFilter(q: DateQuery): boolean {
  return [q.year, q.month, q.day, q.before, q.after, q.from, q.to].some((v) => v !== undefined);
}
