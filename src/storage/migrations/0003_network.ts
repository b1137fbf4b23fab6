import { type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.js';

/** The network: enrolment tokens, node certificates and keys, projects, and end-to-end messages. */
export function network(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('enrolment_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_for_serial', 'text')
        .execute();
      await db.schema.createIndex('enrolment_tokens_by_secret').on('enrolment_tokens').column('secret_hash').unique().execute();

      await db.schema
        .createTable('node_certificates')
        .addColumn('serial', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('certificate', 'text', (c) => c.notNull())
        .addColumn('signing_key', 'text', (c) => c.notNull())
        .addColumn('encryption_key', 'text', (c) => c.notNull())
        .addColumn('not_before', 'text', (c) => c.notNull())
        .addColumn('not_after', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('revoke_reason', 'text')
        .execute();
      await db.schema.createIndex('node_certificates_by_org').on('node_certificates').columns(['org_id', 'issued_at']).execute();

      await db.schema
        .createTable('projects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('project_members')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'org_id'])
        .execute();

      /** Per sending and receiving node: the last sequence number accepted from it, and how far it has acknowledged its inbox. */
      await db.schema
        .createTable('node_links')
        .addColumn('org_id', 'text', (c) => c.primaryKey().references('organisations.id'))
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addColumn('acked_cursor', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sender_org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_by_case').on('messages').column('case_id').execute();

      // What each node has still to fetch: messages for it and receipts on what it sent, in one ordered queue.
      await db.schema
        .createTable('message_queue')
        .addColumn('cursor', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('receipt', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('message_queue_by_org').on('message_queue').columns(['org_id', 'cursor']).execute();

      await db.schema
        .createTable('message_receipts')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('recipient_org_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by', 'text')
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_receipts_pk', ['message_id', 'recipient_org_id', 'kind'])
        .execute();
    },
  };
}
