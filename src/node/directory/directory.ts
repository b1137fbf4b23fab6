import type { KeyObject } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { canonicalJson } from '../../core/canonical-json.js';
import { publicKeyFromRaw } from '../../crypto/node-keys.js';
import type { Audience } from '../../messaging/envelope.js';
import { NodeError } from '../errors.js';
import { HubUnreachable, isRetryableStatus, type HubClient } from '../link/hub-client.js';
import type { NodeDatabase } from '../storage/open.js';
import type { DirectoryOrgRow } from '../storage/schema.js';

export interface DirectoryOrg {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  signingKey: string;
  encryptionKey: string;
}

export interface Resolved {
  organisations: DirectoryOrg[];
  /** Organisations of the audience without an enrolled node (the message will not reach them). */
  unreachable: string[];
  /** The answer came from the node's copy, the hub being unreachable. */
  stale: boolean;
}

interface DirectoryAnswer {
  organisations: DirectoryOrg[];
  unreachable?: string[];
}

const present = (r: DirectoryOrgRow): DirectoryOrg => ({ id: r.id, name: r.name, kind: r.kind, country: r.country, signingKey: r.signing_key, encryptionKey: r.encryption_key });

/**
 * The hub's directory as this node knows it: who an audience reaches and the
 * keys of their nodes. Answers are kept in the node's database and used for
 * `ttl` without asking again; when the hub cannot be reached, the last answer
 * is used however old, so composing and reading keep working.
 */
export class Directory {
  private readonly signingKeys = new Map<string, KeyObject>();
  /** Entries of the node's copy already read, by id; forgotten whenever the copy changes. */
  private readonly orgs = new Map<string, DirectoryOrg>();
  /** Fresh answers of `resolve`, by audience, as the node's copy holds them. */
  private readonly fresh = new Map<string, { organisations: DirectoryOrg[]; fetchedAt: number }>();

  constructor(
    private readonly database: NodeDatabase,
    private readonly hub: HubClient,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /**
   * Who an audience reaches. Null when the hub cannot be reached (or is not
   * to be asked) and the node never had an answer for this audience. An
   * audience the hub says reaches no one is a NodeError for the person composing.
   */
  async resolve(audience: Audience, options: { askHub?: boolean } = {}): Promise<Resolved | null> {
    const key = canonicalJson(audience);
    const known = this.fresh.get(key);
    if (known && this.clock.now().getTime() - known.fetchedAt < this.ttlMs) return { organisations: known.organisations, unreachable: [], stale: false };
    const db = this.database.db;
    const cached = await db.selectFrom('directory_audiences').selectAll().where('audience', '=', key).executeTakeFirst();
    const fresh = cached && this.clock.now().getTime() - new Date(cached.fetched_at).getTime() < this.ttlMs;
    if (cached && fresh) {
      const orgs = await this.cachedOrgs(JSON.parse(cached.org_ids) as string[]);
      if (orgs) {
        this.keep(key, orgs, new Date(cached.fetched_at).getTime());
        return { organisations: orgs, unreachable: [], stale: false };
      }
    }
    const fromCopy = async () => {
      const orgs = cached ? await this.cachedOrgs(JSON.parse(cached.org_ids) as string[]) : undefined;
      return orgs ? { organisations: orgs, unreachable: [], stale: true } : null;
    };
    if (options.askHub === false) return fromCopy();
    let answer: DirectoryAnswer;
    try {
      answer = await this.ask(audience);
    } catch (error) {
      if (!(error instanceof HubUnreachable)) throw error;
      return fromCopy();
    }
    await this.remember(answer.organisations, key);
    if ((answer.unreachable ?? []).length === 0) this.keep(key, answer.organisations, this.clock.now().getTime());
    return { organisations: answer.organisations, unreachable: answer.unreachable ?? [], stale: false };
  }

  /**
   * An organisation's entry (for its signing key), from the node's copy, or
   * from the hub when the node has none or `refresh` asks for a new one (a key
   * that does not verify may have been replaced). Undefined when the hub says
   * the organisation has no node; throws HubUnreachable when it cannot answer
   * and the node has no copy.
   */
  async organisation(id: string, options: { refresh?: boolean } = {}): Promise<DirectoryOrg | undefined> {
    // Every message and receipt received asks for its signer's entry: the copy's rows are kept in memory too.
    const known = this.orgs.get(id);
    if (known && !options.refresh) return known;
    const stored = await this.database.db.selectFrom('directory_orgs').selectAll().where('id', '=', id).executeTakeFirst();
    const row = stored && this.keepOrg(present(stored));
    if (row && !options.refresh) return row;
    let answer: DirectoryAnswer;
    try {
      answer = await this.ask({ kind: 'agencies', ids: [id] });
    } catch (error) {
      if (error instanceof HubUnreachable && row) return row;
      if (error instanceof NodeError && (error.code === 'message.audience_empty' || error.code === 'message.unknown_recipient')) return undefined;
      throw error;
    }
    await this.remember(answer.organisations);
    return answer.organisations.find((o) => o.id === id);
  }

  /** A signing key as a KeyObject, parsed once. */
  signingKey(raw: string): KeyObject {
    let key = this.signingKeys.get(raw);
    if (!key) {
      if (this.signingKeys.size > 10_000) this.signingKeys.clear();
      key = publicKeyFromRaw('ed25519', raw);
      this.signingKeys.set(raw, key);
    }
    return key;
  }

  private async ask(audience: Audience): Promise<DirectoryAnswer> {
    const res = await this.hub.request('POST', '/node/v1/directory', { body: { audience } });
    if (res.status === 200) return res.json<DirectoryAnswer>();
    if (isRetryableStatus(res.status)) throw new HubUnreachable(`the hub answered ${res.status} to a directory request`);
    const code = res.problemCode();
    const detail = (() => {
      try {
        return res.json<{ detail?: string }>().detail;
      } catch {
        return undefined;
      }
    })();
    if (code === 'directory.audience_empty') throw new NodeError('message.audience_empty', detail);
    if (code === 'message.unknown_recipient' || code === 'project.not_found') throw new NodeError('message.unknown_recipient', detail);
    if (res.status === 400) throw new NodeError('request.validation_failed', detail ?? 'the hub refused the audience');
    throw new NodeError('node.hub_refused', `the hub answered ${res.status}${code ? ` ${code}` : ''} to a directory request`);
  }

  private async cachedOrgs(ids: string[]): Promise<DirectoryOrg[] | undefined> {
    if (ids.length === 0) return undefined;
    const rows = await this.database.db.selectFrom('directory_orgs').selectAll().where('id', 'in', ids).execute();
    return rows.length === ids.length ? rows.map(present) : undefined;
  }

  /** Keeps a fresh answer in memory too (a compose then reads nothing), until the next change to the copy. */
  private keep(audienceKey: string, organisations: DirectoryOrg[], fetchedAt: number): void {
    if (this.fresh.size >= 1000) this.fresh.clear();
    this.fresh.set(audienceKey, { organisations, fetchedAt });
  }

  /** Keeps an entry of the node's copy in memory too (bounded); answers it. */
  private keepOrg(org: DirectoryOrg): DirectoryOrg {
    if (this.orgs.size >= 10_000) this.orgs.clear();
    this.orgs.set(org.id, org);
    return org;
  }

  private async remember(orgs: DirectoryOrg[], audienceKey?: string): Promise<void> {
    // Any entry may have changed (a new key): the answers in memory are read again from the copy.
    this.fresh.clear();
    this.orgs.clear();
    const now = this.clock.now().toISOString();
    await this.database.transaction(async (trx) => {
      for (const o of orgs) {
        const row = { id: o.id, name: o.name, kind: o.kind, country: o.country, signing_key: o.signingKey, encryption_key: o.encryptionKey, fetched_at: now };
        await trx.insertInto('directory_orgs').values(row).onConflict((c) => c.column('id').doUpdateSet(row)).execute();
      }
      if (audienceKey !== undefined) {
        const row = { audience: audienceKey, org_ids: JSON.stringify(orgs.map((o) => o.id)), fetched_at: now };
        await trx.insertInto('directory_audiences').values(row).onConflict((c) => c.column('audience').doUpdateSet(row)).execute();
      }
    });
    // Again: an entry read while the copy was being changed may be the old one.
    this.fresh.clear();
    this.orgs.clear();
  }
}
