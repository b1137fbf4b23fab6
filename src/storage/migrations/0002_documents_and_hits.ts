import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function documentsAndHits(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('travel_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('owner_country', 'text', (c) => c.notNull())
        .addColumn('issuing_state', 'text', (c) => c.notNull())
        .addColumn('document_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('number', 'text')
        .addColumn('ocr_key', 'text')
        .addColumn('range_prefix', 'text')
        .addColumn('range_first', 'bigint')
        .addColumn('range_last', 'bigint')
        .addColumn('range_digits', 'integer')
        .addColumn('event_date', 'text')
        .addColumn('event_place', 'text')
        .addColumn('circumstances', 'text')
        .addColumn('holder_name', 'text')
        .addColumn('holder_birth_date', 'text')
        .addColumn('holder_nationality', 'text')
        .addColumn('issued_on', 'text')
        .addColumn('expires_on', 'text')
        .addColumn('review_date', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('visible_to', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .execute();
      // One active record per owner, issuing state and number; one per blank range.
      await db.schema.createIndex('travel_documents_unique_single').on('travel_documents')
        .columns(['owner_country', 'issuing_state', 'number']).unique()
        .where(sql.ref('state'), '=', 'active').execute();
      // Singles have null range columns, and nulls never collide: this index only constrains ranges.
      await db.schema.createIndex('travel_documents_unique_range').on('travel_documents')
        .columns(['owner_country', 'issuing_state', 'range_prefix', 'range_digits', 'range_first', 'range_last']).unique()
        .where(sql.ref('state'), '=', 'active').execute();
      await db.schema.createIndex('travel_documents_by_ocr_key').on('travel_documents').column('ocr_key').execute();
      await db.schema.createIndex('travel_documents_by_range').on('travel_documents').columns(['range_prefix', 'range_first']).execute();
      await db.schema.createIndex('travel_documents_by_owner').on('travel_documents').columns(['owner_country', 'id']).execute();

      await db.schema
        .createTable('hits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('database', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('owner_org_id', 'text', (c) => c.notNull())
        .addColumn('owner_country', 'text')
        .addColumn('searcher_type', 'text', (c) => c.notNull())
        .addColumn('searcher_id', 'text', (c) => c.notNull())
        .addColumn('searcher_name', 'text', (c) => c.notNull())
        .addColumn('searcher_org_id', 'text', (c) => c.notNull())
        .addColumn('searcher_country', 'text')
        .addColumn('location', 'text')
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('match', 'text', (c) => c.notNull())
        .addColumn('concealed', 'integer', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hits_by_owner_country').on('hits').columns(['owner_country', 'created_at']).execute();
      await db.schema.createIndex('hits_by_searcher_country').on('hits').columns(['searcher_country', 'created_at']).execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hit_id', 'text', (c) => c.notNull().references('hits.id'))
        .addColumn('database', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('owner_ncb_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('searcher_ncb_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('cases_by_owner').on('cases').columns(['owner_ncb_id', 'status']).execute();
      await db.schema.createIndex('cases_by_searcher').on('cases').columns(['searcher_ncb_id', 'status']).execute();

      await db.schema
        .createTable('case_events')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_org_id', 'text', (c) => c.notNull())
        .addColumn('status_from', 'text')
        .addColumn('status_to', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
        .execute();

      await db.schema
        .createTable('search_stats')
        .addColumn('database', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('searches', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_stats_pk', ['database', 'country', 'day'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['search_stats', 'case_events', 'cases', 'hits', 'travel_documents']) await db.schema.dropTable(table).execute();
    },
  };
}
