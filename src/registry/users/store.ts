import type { Role } from '../../access/permissions.js';
import { newId } from '../../core/ids.js';
import type { Executor } from '../../storage/database.js';
import type { UserRow } from '../../storage/schema.js';
import type { User } from './schema.js';

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    orgId: row.org_id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

export interface NewUserInput {
  orgId: string;
  username: string;
  displayName: string;
  roles: readonly Role[];
  passwordHash: string;
  mustChangePassword: boolean;
}

export const userStore = {
  async insert(db: Executor, input: NewUserInput, now: string): Promise<User> {
    const row: UserRow = {
      id: newId('usr'),
      org_id: input.orgId,
      username: input.username,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      roles: JSON.stringify(input.roles),
      status: 'active',
      must_change_password: input.mustChangePassword ? 1 : 0,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    await db.insertInto('users').values(row).execute();
    return presentUser(row);
  },

  async get(db: Executor, id: string): Promise<User | undefined> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && presentUser(row);
  },

  /** The row with its password hash, for login only. */
  async credentialsByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },

  async passwordHash(db: Executor, id: string): Promise<string | undefined> {
    const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
    return row?.password_hash;
  },

  async usernameTaken(db: Executor, username: string): Promise<boolean> {
    const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    return row !== undefined;
  },

  async listByOrganisation(db: Executor, orgId: string, limit: number, after?: string): Promise<User[]> {
    let q = db.selectFrom('users').selectAll().where('org_id', '=', orgId);
    if (after) q = q.where('id', '>', after);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map(presentUser);
  },

  async update(
    db: Executor,
    id: string,
    changes: { displayName?: string | undefined; roles?: readonly Role[] | undefined; status?: User['status'] | undefined },
    now: string,
  ): Promise<void> {
    await db
      .updateTable('users')
      .set({
        ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
        ...(changes.roles === undefined ? {} : { roles: JSON.stringify(changes.roles) }),
        ...(changes.status === undefined ? {} : { status: changes.status }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  },

  async setPassword(db: Executor, id: string, passwordHash: string, mustChange: boolean, now: string): Promise<void> {
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async recordLogin(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
  },
};
