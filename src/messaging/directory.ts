import type { Principal } from '../access/principal.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { certificateStore } from '../pki/store.js';
import { countriesInRegion, countryByAlpha2 } from '../registry/countries.js';
import type { Executor } from '../storage/database.js';
import type { Address, AddressFilter, Audience, DirectoryEntry } from './schema.js';

/**
 * Who an audience reaches, with the keys their nodes registered: the sender's
 * node encrypts to each. Organisations without an enrolled node are named
 * apart, so the sender knows who the message will not reach.
 */
export async function resolveAudience(db: Executor, clock: Clock, p: Principal, audience: Audience): Promise<{ organisations: DirectoryEntry[]; unreachable: string[] }> {
  const targets = await audienceMembers(db, audience);
  const ids = targets.map((t) => t.id).filter((id) => id !== p.orgId);
  const keys = await certificateStore.currentKeys(db, ids, clock.now().toISOString());
  const organisations: DirectoryEntry[] = [];
  const unreachable: string[] = [];
  for (const t of targets) {
    if (t.id === p.orgId) continue;
    const k = keys.get(t.id);
    if (!k) unreachable.push(t.id);
    else organisations.push({ id: t.id, name: t.name, kind: t.kind, country: t.country, signingKey: k.signing_key, encryptionKey: k.encryption_key });
  }
  if (organisations.length === 0) throw new AppError('directory.audience_empty', unreachable.length > 0 ? `none of ${unreachable.length} organisations has an enrolled node` : 'the audience names no organisation');
  return { organisations, unreachable };
}

type Member = { id: string; name: string; kind: string; country: string | null };

async function audienceMembers(db: Executor, audience: Audience): Promise<Member[]> {
  const columns = ['id', 'name', 'kind', 'country'] as const;
  switch (audience.kind) {
    case 'agencies': {
      const rows = await db.selectFrom('organisations').select(columns).where('id', 'in', audience.ids).where('status', '!=', 'suspended').execute();
      const missing = audience.ids.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length > 0) throw new AppError('message.unknown_recipient', `no active organisation ${missing.join(', ')}`);
      return rows;
    }
    case 'region': {
      const countries = countriesInRegion(audience.region);
      return db.selectFrom('organisations').select(columns).where('kind', '=', 'ncb').where('status', '!=', 'suspended').where('country', 'in', [...countries]).orderBy('country').execute();
    }
    case 'all':
      return db.selectFrom('organisations').select(columns).where('kind', '=', 'ncb').where('status', '!=', 'suspended').orderBy('country').execute();
    case 'project': {
      const project = await db.selectFrom('projects').select('id').where('id', '=', audience.projectId).executeTakeFirst();
      if (!project) throw new AppError('project.not_found', `no operational project ${audience.projectId}`);
      return db.selectFrom('project_members as pm').innerJoin('organisations as o', 'o.id', 'pm.org_id')
        .select(['o.id', 'o.name', 'o.kind', 'o.country']).where('pm.project_id', '=', audience.projectId).where('o.status', '!=', 'suspended').execute();
    }
  }
}

/** The signing keys of the named organisations' nodes, for checking envelopes and receipts. */
export async function signingKeysOf(db: Executor, clock: Clock, orgIds: readonly string[]): Promise<Map<string, string>> {
  const keys = await certificateStore.currentKeys(db, orgIds, clock.now().toISOString());
  return new Map([...keys].map(([id, k]) => [id, k.signing_key]));
}

/**
 * The network's addresses: every active organisation with an enrolled node
 * (a message can reach it), by name — what a person composing a message
 * picks from. Names, kinds, countries and regions only; no keys.
 */
export async function listAddresses(db: Executor, clock: Clock, filter: AddressFilter): Promise<Address[]> {
  let q = db.selectFrom('organisations').select(['id', 'name', 'kind', 'country', 'parent_id'])
    .where('status', '!=', 'suspended').where('kind', '!=', 'hub');
  if (filter.country) q = q.where('country', '=', filter.country);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('country').orderBy('kind', 'desc').orderBy('name').execute();
  const text = filter.q?.toLocaleLowerCase('en');
  const matching = text ? rows.filter((r) => r.name.toLocaleLowerCase('en').includes(text) || r.country?.toLowerCase() === text) : rows;
  const keys = await certificateStore.currentKeys(db, matching.map((r) => r.id), clock.now().toISOString());
  return matching.filter((r) => keys.has(r.id)).slice(0, filter.limit).map((r) => ({
    id: r.id, name: r.name, kind: r.kind, country: r.country, parentId: r.parent_id,
    region: r.country ? countryByAlpha2.get(r.country)?.region ?? null : null,
  }));
}
