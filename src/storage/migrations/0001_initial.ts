import { sql, type Kysely, type Migration } from 'kysely';
import { EMPTY_ROOT } from '../../audit/merkle.js';
import type { Dialect } from '../database.js';

export function initial(dialect: Dialect): Migration {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  // In SQLite an "integer primary key" is the rowid itself: one B-tree instead of a table and an index.
  const sequence = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('parent_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('agency_type', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('suspended_by', 'text')
        .addColumn('last_seen_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One NCB per member country; one hub.
      await db.schema
        .createIndex('organisations_one_ncb_per_country')
        .on('organisations')
        .column('country')
        .unique()
        .where(sql.ref('kind'), '=', 'ncb')
        .execute();
      await db.schema
        .createIndex('organisations_one_hub')
        .on('organisations')
        .column('kind')
        .unique()
        .where(sql.ref('kind'), '=', 'hub')
        .execute();
      await db.schema.createIndex('organisations_by_country').on('organisations').columns(['country', 'kind']).execute();
      await db.schema.createIndex('organisations_by_parent').on('organisations').column('parent_id').execute();

      await db.schema
        .createTable('database_access')
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('database', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('database_access_pk', ['org_id', 'database'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .execute();
      await db.schema.createIndex('users_by_org').on('users').column('org_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', bytes, (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('client_ip', 'text')
        .execute();
      await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', bytes, (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_keys_by_org').on('api_keys').column('org_id').execute();

      await db.schema
        .createTable('audit_entries')
        .addColumn('seq', sequence, (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_org_id', 'text')
        .addColumn('actor_country', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text')
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('leaf_hash', bytes, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_by_actor_country').on('audit_entries').columns(['actor_country', 'seq']).execute();
      await db.schema.createIndex('audit_by_resource').on('audit_entries').columns(['resource_type', 'resource_id']).execute();

      await db.schema
        .createTable('audit_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', 'bigint', (c) => c.notNull())
        .addColumn('hash', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_nodes_pk', ['level', 'idx'])
        .execute();

      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('frontier', bytes, (c) => c.notNull())
        .addColumn('root', bytes, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, size, frontier, root, updated_at)
        values (1, 0, ${Buffer.alloc(0)}, ${EMPTY_ROOT}, ${new Date(0).toISOString()})`.execute(db);

      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('size', 'bigint', (c) => c.primaryKey())
        .addColumn('root', bytes, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'audit_checkpoints', 'audit_head', 'audit_nodes', 'audit_entries',
        'api_keys', 'sessions', 'users', 'database_access', 'organisations',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
