import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, SqliteDatabase } from 'kysely';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/**
 * Where the record lives: a SQLite file in the data folder by default, or the PostgreSQL server
 * that `DATABASE_URL` names, which every shard and replica then share. The drivers and the query
 * builder are imported here, on first use, so that a bot that has not opened its store yet has
 * not paid for them (start-up and idle memory have budgets).
 */
export interface StoreLocation {
  /** postgres://… or postgresql://…; unset means the embedded store. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded store's file. */
  dataDir: string;
}

export const SQLITE_FILE = 'summit.sqlite';

/** Opens the store, creating and migrating it if needed. Throws when it cannot be reached. */
export async function openStore(where: StoreLocation): Promise<Store> {
  const db = where.databaseUrl ? await postgres(where.databaseUrl) : await sqlite(where.dataDir);
  try {
    await migrate(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
  const { Store } = await import('./store.js');
  return new Store(db, where.databaseUrl ? 'postgres' : 'sqlite');
}

async function sqlite(dataDir: string): Promise<Kysely<Database>> {
  const [{ Kysely, SqliteDialect }, { default: SQLite }] = await Promise.all([
    import('kysely'),
    import('better-sqlite3'),
  ]);
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(join(dataDir, SQLITE_FILE));
  // Readers (/insights, the export) never wait for the writer, and a batch is one fsync.
  file.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: neverCollected(file) }) });
}

/**
 * better-sqlite3 12 on Node 24.19 and later: a Statement or Database that the garbage collector
 * finalizes outside JavaScript (an idle or background collection) aborts the whole process in
 * node::RemoveEnvironmentCleanupHook. better-sqlite3 13 fixes it but needs Node 22. Until then
 * none is left to the collector: each SQL text is prepared once and kept, with its database,
 * for the life of the process. The texts are the store's few query shapes (one per batch size
 * at most), so what is kept stays small.
 */
const kept: unknown[] = [];

function neverCollected(file: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  kept.push(file, statements);
  return {
    close: () => file.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = file.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

async function postgres(url: string): Promise<Kysely<Database>> {
  const [{ Kysely, PostgresDialect }, { default: pg }] = await Promise.all([import('kysely'), import('pg')]);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // A store that does not answer is down: fail the batch and let the queue retry it.
    connectionTimeoutMillis: 3000,
    statement_timeout: 30_000,
    idleTimeoutMillis: 30_000,
  });
  // A server that goes away makes its clients emit errors, idle or busy; unheard, one would end
  // the process. The query in flight fails anyway, and the queue tries its batch again.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return db;
}
