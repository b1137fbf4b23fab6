import { newId } from '../../core/ids.js';
import type { NodeExecutor } from '../storage/open.js';
import type { NodeUserRow } from '../storage/schema.js';
import type { NodeRole } from './permissions.js';

export interface NodeUser {
  id: string;
  username: string;
  displayName: string;
  roles: NodeRole[];
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export function presentUser(r: NodeUserRow): NodeUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: JSON.parse(r.roles) as NodeRole[],
    status: r.status,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastLoginAt: r.last_login_at,
  };
}

export const userStore = {
  async insert(db: NodeExecutor, input: { username: string; displayName: string; roles: readonly NodeRole[]; passwordHash: string; mustChangePassword: boolean }, now: string): Promise<NodeUser> {
    const row: NodeUserRow = {
      id: newId('usr'),
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

  async get(db: NodeExecutor, id: string): Promise<NodeUser | undefined> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && presentUser(row);
  },

  async byUsername(db: NodeExecutor, username: string): Promise<NodeUserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },

  async list(db: NodeExecutor): Promise<NodeUser[]> {
    return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(presentUser);
  },

  async update(db: NodeExecutor, id: string, changes: { displayName?: string | undefined; roles?: readonly NodeRole[] | undefined; status?: 'active' | 'disabled' | undefined }, now: string): Promise<void> {
    await db
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.roles !== undefined ? { roles: JSON.stringify(changes.roles) } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  },

  async setPassword(db: NodeExecutor, id: string, hash: string, mustChange: boolean, now: string): Promise<void> {
    await db.updateTable('users').set({ password_hash: hash, must_change_password: mustChange ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
  },

  async recordLogin(db: NodeExecutor, id: string, now: string): Promise<void> {
    await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
  },

  async activeAdmins(db: NodeExecutor): Promise<number> {
    const rows = await db.selectFrom('users').select('roles').where('status', '=', 'active').execute();
    return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes('admin')).length;
  },
};
