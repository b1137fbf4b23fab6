import { sql } from 'kysely';
import type { Executor } from '../storage/database.js';

export interface StatsRow {
  database: string;
  country: string;
  day: string;
  searches: number;
  hits: number;
}

export const statsStore = {
  /** Adds to the day's counters, creating them on first use (an upsert; both backends). */
  async add(db: Executor, delta: StatsRow): Promise<void> {
    await db
      .insertInto('search_stats')
      .values(delta)
      .onConflict((oc) =>
        oc.columns(['database', 'country', 'day']).doUpdateSet({
          searches: sql<number>`search_stats.searches + ${delta.searches}`,
          hits: sql<number>`search_stats.hits + ${delta.hits}`,
        }),
      )
      .execute();
  },

  async query(db: Executor, filter: { database?: string | undefined; country?: string | undefined; from: string; to: string }): Promise<StatsRow[]> {
    let q = db.selectFrom('search_stats').selectAll().where('day', '>=', filter.from).where('day', '<=', filter.to);
    if (filter.database) q = q.where('database', '=', filter.database);
    if (filter.country) q = q.where('country', '=', filter.country);
    return q.orderBy('day').orderBy('database').orderBy('country').limit(10_000).execute();
  },
};
