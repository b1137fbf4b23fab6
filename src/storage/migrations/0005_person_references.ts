import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The owner's own reference for a person (its case or file number), so that
 * a bulk import run twice creates each person once; and the digest of what
 * the import was given under it, so that a re-run tells the same person from
 * another one filed under the same reference.
 */
export function personReferences(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('persons').addColumn('reference', 'text').execute();
      await db.schema.alterTable('persons').addColumn('import_digest', 'text').execute();
      // Per owner country, whatever the state: a cancelled person's reference is not reused by a re-run.
      await db.schema.createIndex('persons_by_reference').on('persons').columns(['owner_country', 'reference']).unique()
        .where(sql<boolean>`reference is not null`).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('persons_by_reference').execute();
      await db.schema.alterTable('persons').dropColumn('import_digest').execute();
      await db.schema.alterTable('persons').dropColumn('reference').execute();
    },
  };
}
