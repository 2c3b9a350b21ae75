import type { Kysely, Migration, MigrationProvider } from 'kysely';

/**
 * The schema's versions, oldest first. Each is applied once, in order, in a transaction where
 * the database has them (both do), and recorded in kysely_migration; a store opened by a newer
 * Summit is brought up to date on first use. Never edit a released one: add the next.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001-questions-and-votes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('questions')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('asked_at', 'bigint', (c) => c.notNull())
        .addColumn('guild', 'varchar(20)')
        .addColumn('via', 'varchar(16)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('topic', 'varchar(100)')
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('kb_version', 'varchar(64)', (c) => c.notNull())
        .execute();
      // Covering indexes: /insights reads a period's counts and groups without touching the rows.
      await db.schema
        .createIndex('questions_asked_at_kind_topic')
        .on('questions')
        .columns(['asked_at', 'kind', 'topic'])
        .execute();
      await db.schema
        .createIndex('questions_kind_asked_at_terms')
        .on('questions')
        .columns(['kind', 'asked_at', 'terms', 'id'])
        .execute();
      await db.schema
        .createTable('votes')
        .addColumn('question_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('voter', 'varchar(64)', (c) => c.notNull())
        .addColumn('value', 'smallint', (c) => c.notNull())
        .addColumn('voted_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('votes_pk', ['question_id', 'voter'])
        .execute();
      await db.schema.createIndex('votes_voted_at').on('votes').column('voted_at').execute();
    },
  },
  '002-cooldowns': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cooldowns')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addColumn('holder', 'varchar(24)', (c) => c.notNull())
        .execute();
      // Expired windows are deleted by their end.
      await db.schema.createIndex('cooldowns_ends_at').on('cooldowns').column('ends_at').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to the newest version; throws the first failure. Kysely is imported here,
 * when the store opens, for the reason `store.ts` gives.
 */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const { Migrator } = await import('kysely');
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
}
