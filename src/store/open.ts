import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
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
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
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
