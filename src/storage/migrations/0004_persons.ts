import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.js';

/** Persons, their photographs, and the notices and diffusions that circulate them. */
export function persons(dialect: Dialect): Migration {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>) {
      // The integer key is what the in-memory name index holds; the text id is what the API shows.
      await db.schema
        .createTable('persons')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('owner_country', 'text', (c) => c.notNull())
        .addColumn('names', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text')
        .addColumn('birth_from', 'text')
        .addColumn('birth_to', 'text')
        .addColumn('sex', 'text')
        .addColumn('birth_place', 'text')
        .addColumn('birth_country', 'text')
        .addColumn('nationalities', 'text', (c) => c.notNull())
        .addColumn('documents', 'text', (c) => c.notNull())
        .addColumn('marks', 'text', (c) => c.notNull())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('photo_type', 'text')
        .addColumn('photo_size', 'integer')
        .addColumn('photo_sha256', 'text')
        .addColumn('photo_updated_at', 'text')
        .addColumn('hit_threshold', 'double precision', (c) => c.notNull())
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
      await db.schema.createIndex('persons_by_owner').on('persons').columns(['owner_country', 'id']).execute();

      // Bytes in the database, beside the record: one backup, one transaction, one access check.
      await db.schema
        .createTable('person_photos')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('persons.id'))
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .addColumn('sha256', bytes, (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('countries', 'text', (c) => c.notNull())
        .addColumn('requester_org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('requester_country', 'text', (c) => c.notNull())
        .addColumn('refusal_reason', 'text')
        .addColumn('review_date', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('notices_by_person').on('notices').columns(['person_id', 'status']).execute();
      await db.schema.createIndex('notices_by_status').on('notices').columns(['status', 'id']).execute();
      await db.schema.createIndex('notices_by_requester').on('notices').columns(['requester_country', 'id']).execute();
      // One open notice of a type per person (diffusions are not limited: one per audience is normal).
      await db.schema.createIndex('notices_one_open_per_type').on('notices').columns(['person_id', 'type']).unique()
        .where(sql<boolean>`kind = 'notice' and status in ('requested', 'under_review', 'published')`).execute();

      await db.schema
        .createTable('notice_events')
        .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_org_id', 'text', (c) => c.notNull())
        .addColumn('status_from', 'text')
        .addColumn('status_to', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('notice_events_pk', ['notice_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['notice_events', 'notices', 'person_photos', 'persons']) await db.schema.dropTable(table).execute();
    },
  };
}
