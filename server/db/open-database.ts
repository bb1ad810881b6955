/** Picks the database the configuration asks for: PostgreSQL when DATABASE_URL is set, else PGlite. */
import type { Config } from '../config.js'
import type { Database } from './database.js'
import { openPglite } from './open-pglite.js'
import { openPostgres, type PostgresOptions } from './open-postgres.js'

/** Opens PostgreSQL at `config.databaseUrl`, or PGlite in `config.dataDir`. */
export function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: PostgresOptions = {},
): Promise<Database> {
  return config.databaseUrl === null ? openPglite(config.dataDir) : openPostgres(config.databaseUrl, options)
}
