import { randomBytes } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AnswerKind, Database, QuestionsTable, VotesTable } from './schema.js';

/**
 * Every query Summit makes, written once with the query builder for both databases. Values reach
 * the database only as parameters. Nothing from Kysely is imported here but types: the gateway
 * bot is one bundled file, which runs every static import at start, and Kysely loaded from its
 * 280 modules took over 300 ms and 20 MB; `open.ts` imports it once the bot is ready.
 */

export type QuestionRow = Omit<QuestionsTable, 'asked_at'> & { asked_at: number };
export type VoteRow = Omit<VotesTable, 'voted_at'> & { voted_at: number };

/** What /insights shows, for questions asked (and votes cast) since a moment. */
export interface InsightsData {
  since: number;
  total: number;
  byKind: Partial<Record<AnswerKind, number>>;
  /** Unanswered questions by their normalised terms, most frequent first. */
  unanswered: { terms: string; count: number; example: string }[];
  /** Answers members voted down, most 👎 first. */
  downvoted: { id: string; text: string; down: number; up: number }[];
  topics: { topic: string; count: number }[];
}

/** Kinds of answer that mean the articles did not answer the question. */
export const UNANSWERED: readonly AnswerKind[] = ['not-covered', 'did-you-mean'];

/** Terms groups read from the database before near-duplicates are merged. */
const GROUPS_READ = 300;

export class Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async insertQuestions(rows: readonly QuestionRow[]): Promise<void> {
    if (rows.length === 0) return;
    // A batch retried after a lost reply may already be in: the ids make it safe to repeat.
    await this.db
      .insertInto('questions')
      .values([...rows])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** One vote per member per answer: a later vote replaces an earlier one. */
  async upsertVotes(votes: readonly VoteRow[]): Promise<void> {
    // Within one statement a key may appear once: the last click wins.
    const last = [...new Map(votes.map((v) => [`${v.question_id} ${v.voter}`, v])).values()];
    if (last.length === 0) return;
    await this.db
      .insertInto('votes')
      .values(last)
      .onConflict((oc) =>
        oc.columns(['question_id', 'voter']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          voted_at: eb.ref('excluded.voted_at'),
        })),
      )
      .execute();
  }

  /** Deletes questions and votes older than `before` (ms); returns how many questions went. */
  async purge(before: number): Promise<number> {
    await this.db.deleteFrom('votes').where('voted_at', '<', before).execute();
    const result = await this.db.deleteFrom('questions').where('asked_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Takes one use of a cooldown window in one statement, which both databases run atomically
   * (the row is locked for its update): a new or ended window opens with this use, an open one
   * admits it while it has uses left, a full one is left as it is. A window that would end
   * further away than its length (a replica's clock far ahead, a row written by hand) counts as
   * ended, so that no row can hold a member back for longer than one window. Returns 0 when the
   * use was taken, else the milliseconds until the window ends.
   */
  async takeCooldown(id: string, uses: number, windowMs: number, now: number): Promise<number> {
    const holder = randomBytes(12).toString('base64url');
    const endsAt = now + windowMs;
    // On conflict every expression reads the row as it was before this statement.
    const ended = (eb: ExpressionBuilder<Database, 'cooldowns'>) =>
      eb.or([eb('cooldowns.ends_at', '<=', now), eb('cooldowns.ends_at', '>', endsAt)]);
    const room = (eb: ExpressionBuilder<Database, 'cooldowns'>) => eb('cooldowns.used', '<', uses);
    const row = await this.db
      .insertInto('cooldowns')
      .values({ id, ends_at: endsAt, used: 1, holder })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          ends_at: eb.case().when(ended(eb)).then(endsAt).else(eb.ref('cooldowns.ends_at')).end(),
          used: eb
            .case()
            .when(ended(eb))
            .then(eb.lit(1))
            .when(room(eb))
            .then(eb('cooldowns.used', '+', eb.lit(1)))
            .else(eb.ref('cooldowns.used'))
            .end(),
          holder: eb
            .case()
            .when(eb.or([ended(eb), room(eb)]))
            .then(holder)
            .else(eb.ref('cooldowns.holder'))
            .end(),
        })),
      )
      .returning(['ends_at', 'holder'])
      .executeTakeFirstOrThrow();
    return row.holder === holder ? 0 : Number(row.ends_at) - now;
  }

  /** Deletes the cooldown windows that ended by `now`; returns how many. */
  async purgeCooldowns(now: number): Promise<number> {
    const result = await this.db.deleteFrom('cooldowns').where('ends_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insights(since: number): Promise<InsightsData> {
    const db = this.db;
    const [kinds, unanswered, downvoted, topics] = await Promise.all([
      db
        .selectFrom('questions')
        .select(['kind', (eb) => eb.fn.countAll().as('n')])
        .where('asked_at', '>=', since)
        .groupBy('kind')
        .execute(),
      db
        .selectFrom('questions')
        .select(['terms', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('id').as('example')])
        .where('asked_at', '>=', since)
        .where('kind', 'in', UNANSWERED)
        .groupBy('terms')
        .orderBy('n', 'desc')
        .orderBy('terms')
        .limit(GROUPS_READ)
        .execute(),
      db
        .selectFrom('votes')
        .innerJoin('questions', 'questions.id', 'votes.question_id')
        .select((eb) => [
          'questions.id',
          'questions.text',
          eb.fn.sum<number>(count(eb, '<')).as('down'),
          eb.fn.sum<number>(count(eb, '>')).as('up'),
        ])
        .where('votes.voted_at', '>=', since)
        .groupBy(['questions.id', 'questions.text'])
        .having((eb) => eb(eb.fn.sum(count(eb, '<')), '>', 0))
        .orderBy('down', 'desc')
        .orderBy('questions.id')
        .limit(5)
        .execute(),
      db
        .selectFrom('questions')
        .select(['topic', (eb) => eb.fn.countAll().as('n')])
        .where('asked_at', '>=', since)
        .where('topic', 'is not', null)
        .groupBy('topic')
        .orderBy('n', 'desc')
        .orderBy('topic')
        .limit(5)
        .execute(),
    ]);
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    // One wording per group, read by id once the groups are known.
    const ids = unanswered.map((u) => String(u.example));
    const texts = new Map(
      ids.length
        ? (await db.selectFrom('questions').select(['id', 'text']).where('id', 'in', ids).execute()).map(
            (q) => [q.id, q.text],
          )
        : [],
    );
    return {
      since,
      total: kinds.reduce((n, k) => n + Number(k.n), 0),
      byKind,
      unanswered: unanswered.map((u) => ({
        terms: u.terms,
        count: Number(u.n),
        example: texts.get(String(u.example)) ?? '',
      })),
      downvoted: downvoted.map((d) => ({ id: d.id, text: d.text, down: Number(d.down), up: Number(d.up) })),
      topics: topics.map((t) => ({ topic: String(t.topic), count: Number(t.n) })),
    };
  }

  /** Questions asked since a moment, oldest first, a page at a time (memory stays flat at any size). */
  async *questionsSince(since: number, pageSize = 5000): AsyncGenerator<QuestionRow[]> {
    let after: { at: number; id: string } | undefined;
    for (;;) {
      let query = this.db.selectFrom('questions').selectAll().where('asked_at', '>=', since);
      if (after) {
        const { at, id } = after;
        query = query.where((eb) =>
          eb.or([eb('asked_at', '>', at), eb.and([eb('asked_at', '=', at), eb('id', '>', id)])]),
        );
      }
      const rows = await query.orderBy('asked_at').orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) return;
      const page = rows.map((r) => ({ ...r, asked_at: Number(r.asked_at) }));
      yield page;
      const last = page.at(-1) as QuestionRow;
      after = { at: last.asked_at, id: last.id };
    }
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** 1 for a 👎 (`<`) or a 👍 (`>`), else 0: summed, the votes of each kind. */
function count(eb: ExpressionBuilder<Database, 'votes' | 'questions'>, sign: '<' | '>') {
  return eb.case().when('votes.value', sign, eb.lit(0)).then(eb.lit(1)).else(eb.lit(0)).end();
}
