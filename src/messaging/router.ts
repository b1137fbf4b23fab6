import type { KeyObject } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import type { AuditEvent } from '../audit/entry.js';
import type { AuditLog } from '../audit/log.js';
import type { EventBus } from '../bus/bus.js';
import type { Clock } from '../core/clock.js';
import { publicKeyFromRaw } from '../crypto/node-keys.js';
import { hitStore } from '../hits/store.js';
import { nodePolicy } from '../access/policies.js';
import type { Database, Tx } from '../storage/database.js';
import { envelopeDigest, envelopeTexts, verifyEnvelopeSignature } from './envelope.js';
import { verifyReceipt } from './receipt.js';
import type { AcceptResult, EnvelopeBody, ReceiptBody } from './schema.js';
import { certificateStore } from '../pki/store.js';
import { linkStore, messageStore, queueStore, type MessageRow, type QueueRow, type ReceiptRow } from './store.js';

export const MESSAGES_QUEUED_TOPIC = 'messages.queued';

type Refusal = { code: string; detail: string };

/**
 * The hub's part in end-to-end messaging: check what it can (sender, signature,
 * addressing, order), store the envelope as received, and queue it for each
 * recipient's node. It never holds a key that opens a message.
 */
export class MessageRouter {
  private readonly waiters = new Map<string, Set<() => void>>();
  /** Commits made but not yet known to be on disk (group commit): an inbox answer waits for them. */
  private readonly undurable = new Set<Promise<void>>();
  private readonly keyCache = new Map<string, KeyObject>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {
    this.unsubscribe = bus.subscribe(MESSAGES_QUEUED_TOPIC, (_topic, payload) => {
      for (const org of (payload as { orgs: string[] }).orgs) this.wake(org);
    });
  }

  /** Envelopes in the sender's order; each is accepted, a duplicate of one already accepted, or refused. */
  async accept(p: Principal, envelopes: readonly EnvelopeBody[]): Promise<AcceptResult[]> {
    nodePolicy.node(p);
    const now = this.clock.now().toISOString();
    const orgIds = [...new Set(envelopes.flatMap((e) => [e.sender, ...e.recipients]))];
    const keys = await certificateStore.currentKeys(this.database.db, orgIds, now);
    const checked = await Promise.all(envelopes.map(async (e) => {
      // Its canonical JSON with and without the signature, once: what is verified, the digest, what is stored.
      const texts = envelopeTexts(e);
      return { envelope: e, texts, refusal: await this.check(p, e, keys, texts.signed) };
    }));
    const results: AcceptResult[] = [];
    const queuedFor = new Set<string>();
    await this.commit(async (trx) => {
      const link = await linkStore.lock(trx, p.orgId, this.database.dialect);
      let lastSeq = link.last_seq;
      const known = await messageStore.routingOf(trx, checked.flatMap((c) => (c.refusal ? [] : [c.envelope.id])));
      const stored: MessageRow[] = [];
      const queued: Omit<QueueRow, 'cursor'>[] = [];
      const events: { actor: Principal; event: AuditEvent }[] = [];
      for (const { envelope: e, texts, refusal } of checked) {
        const digest = refusal ? '' : envelopeDigest(e, texts.whole);
        let outcome: AcceptResult = refusal ? { id: e.id, status: 'refused', ...refusal } : { id: e.id, status: 'accepted' };
        if (!refusal) {
          const existing = known.get(e.id);
          if (existing) {
            outcome = existing.digest === digest && existing.sender_org_id === p.orgId
              ? { id: e.id, status: 'duplicate' }
              : { id: e.id, status: 'refused', code: 'message.replayed', detail: 'another message was accepted under this id' };
          } else if (e.seq <= lastSeq) {
            outcome = { id: e.id, status: 'refused', code: 'message.out_of_order', detail: `sequence ${e.seq} is not above ${lastSeq}, the last accepted from this node` };
          } else {
            // Stored as received, in its canonical form (the bytes its digest covers).
            const text = texts.whole;
            const row: MessageRow = {
              id: e.id, sender_org_id: e.sender, seq: e.seq, digest, priority: e.priority, case_id: e.caseId,
              recipients: JSON.stringify(e.recipients), size: text.length, envelope: text, created_at: e.createdAt, received_at: now,
            };
            stored.push(row);
            known.set(e.id, row);
            queued.push(...e.recipients.map((r) => ({ org_id: r, kind: 'message' as const, message_id: e.id, receipt: null, created_at: now })));
            e.recipients.forEach((r) => queuedFor.add(r));
            lastSeq = e.seq;
          }
        }
        results.push(outcome);
        if (outcome.status === 'duplicate') continue;
        events.push({
          actor: p,
          event: {
            action: outcome.status === 'accepted' ? 'message.accept' : 'message.refuse',
            resourceType: 'message', resourceId: e.id, outcome: outcome.status === 'accepted' ? 'success' : 'denied',
            details: {
              sender: e.sender, seq: e.seq, recipients: e.recipients, priority: e.priority, handling: e.handling.code, crimeAreas: e.crimeAreas,
              caseId: e.caseId, ...(digest ? { digest } : {}), ...(outcome.code ? { code: outcome.code } : {}),
            },
          },
        });
      }
      await messageStore.insertMany(trx, stored);
      await queueStore.push(trx, queued);
      if (lastSeq !== link.last_seq) await linkStore.setLastSeq(trx, p.orgId, lastSeq);
      await this.audit.recordMany(trx, events);
    }, () => this.announce(queuedFor));
    return results;
  }

  private async check(p: Principal, e: EnvelopeBody, keys: Map<string, { signing_key: string }>, signedText: string): Promise<Refusal | null> {
    if (e.sender !== p.orgId) return { code: 'message.sender_mismatch', detail: `the envelope names ${e.sender} as sender, but this node is ${p.orgId}` };
    if (e.recipients.includes(e.sender)) return { code: 'message.misaddressed', detail: 'a node does not send messages to itself' };
    const keyed = e.keys.map((k) => k.recipient);
    if (keyed.length !== e.recipients.length || new Set(keyed).size !== keyed.length || !e.recipients.every((r) => keyed.includes(r))) {
      return { code: 'message.misaddressed', detail: 'the envelope must carry exactly one wrapped key per recipient' };
    }
    const unknown = e.recipients.filter((r) => !keys.has(r));
    if (unknown.length > 0) return { code: 'message.unknown_recipient', detail: `no enrolled node for ${unknown.join(', ')}` };
    if (e.handling.code === 'H3' && !e.handling.restriction) return { code: 'message.malformed', detail: 'handling code H3 states its restriction' };
    if (e.caseId !== null) {
      const c = await hitStore.getCase(this.database.db, e.caseId);
      const why = c ? nodePolicy.caseMessage(p, { ownerNcbId: c.owner_ncb_id, searcherNcbId: c.searcher_ncb_id }, e.recipients) : `no follow-up case ${e.caseId}`;
      if (why) return { code: 'message.misaddressed', detail: why };
    }
    const senderKey = keys.get(e.sender);
    if (!senderKey) return { code: 'message.tampered', detail: 'the sender has no registered signing key' };
    try {
      verifyEnvelopeSignature(e, this.keyOf(senderKey.signing_key), signedText);
    } catch {
      return { code: 'message.tampered', detail: 'the signature does not verify with the sender\'s registered key' };
    }
    return null;
  }

  /**
   * The next items for the calling node: messages to it and receipts on what it
   * sent, as raw JSON text (envelopes are passed on byte for byte as stored).
   * Waits up to `waitSeconds` when there is nothing yet.
   */
  async inbox(p: Principal, after: number, limit: number, waitSeconds: number): Promise<string> {
    nodePolicy.node(p);
    const woken = waitSeconds > 0 ? this.waitFor(p.orgId, waitSeconds * 1000) : null;
    let rows = await queueStore.after(this.database.db, p.orgId, after, limit);
    if (rows.length === 0 && woken) {
      await woken.promise;
      rows = await queueStore.after(this.database.db, p.orgId, after, limit);
    }
    woken?.cancel();
    // Only what is on disk leaves the hub: a node's cursor must never run ahead of what a power cut would keep.
    if (rows.length > 0 && this.undurable.size > 0) await Promise.all(this.undurable);
    const items = rows.map((r) => (r.kind === 'message'
      ? `{"cursor":${r.cursor},"kind":"message","envelope":${r.envelope ?? 'null'}}`
      : `{"cursor":${r.cursor},"kind":"receipt","receipt":${r.receipt ?? 'null'}}`));
    const next = rows.length > 0 ? (rows[rows.length - 1] as { cursor: number }).cursor : after;
    return `{"items":[${items.join(',')}],"next":${next}}`;
  }

  async ack(p: Principal, upTo: number): Promise<number> {
    nodePolicy.node(p);
    return this.commit(async (trx) => {
      const removed = await linkStore.ack(trx, p.orgId, upTo);
      if (removed > 0) await this.audit.record(trx, p, { action: 'message.fetch', resourceType: 'node_inbox', resourceId: p.orgId, details: { upTo, items: removed } });
      return removed;
    });
  }

  /** Signed receipts from the recipient's node, passed to the sender's. */
  async receipts(p: Principal, receipts: readonly ReceiptBody[]): Promise<AcceptResult[]> {
    nodePolicy.node(p);
    const now = this.clock.now().toISOString();
    const keys = await certificateStore.currentKeys(this.database.db, [p.orgId], now);
    const key = keys.get(p.orgId);
    const results: AcceptResult[] = [];
    const senders = new Set<string>();
    await this.commit(async (trx) => {
      const ids = receipts.map((r) => r.messageId);
      const messages = await messageStore.routingOf(trx, ids);
      const given = await messageStore.receiptKeysOf(trx, p.orgId, ids);
      const rows: ReceiptRow[] = [];
      const queued: Omit<QueueRow, 'cursor'>[] = [];
      const events: { actor: Principal; event: AuditEvent }[] = [];
      for (const r of receipts) {
        const message = messages.get(r.messageId);
        const refusal = r.recipient !== p.orgId ? 'a node signs receipts for its own organisation only'
          : !message || !(JSON.parse(message.recipients) as string[]).includes(p.orgId) ? 'no message to this organisation has this id'
            : !key || !verifyReceipt(r, this.keyOf(key.signing_key)) ? 'the receipt signature does not verify'
              : null;
        if (refusal || !message) {
          results.push({ id: r.messageId, status: 'refused', code: 'receipt.invalid', detail: refusal ?? '' });
          events.push({ actor: p, event: { action: 'message.receipt', resourceType: 'message', resourceId: r.messageId, outcome: 'denied', details: { kind: r.kind, why: refusal } } });
          continue;
        }
        const once = `${r.messageId}\n${r.kind}`;
        if (given.has(once)) {
          results.push({ id: r.messageId, status: 'duplicate' });
          continue;
        }
        given.add(once);
        results.push({ id: r.messageId, status: 'accepted' });
        rows.push({ message_id: r.messageId, recipient_org_id: p.orgId, kind: r.kind, at: r.at, by: r.by ?? null, signature: r.signature, received_at: now });
        queued.push({ org_id: message.sender_org_id, kind: 'receipt', message_id: r.messageId, receipt: JSON.stringify(r), created_at: now });
        senders.add(message.sender_org_id);
        events.push({ actor: p, event: { action: 'message.receipt', resourceType: 'message', resourceId: r.messageId, details: { kind: r.kind, at: r.at, ...(r.by ? { by: r.by } : {}) } } });
      }
      await messageStore.insertReceipts(trx, rows);
      await queueStore.push(trx, queued);
      await this.audit.recordMany(trx, events);
    }, () => this.announce(senders));
    return results;
  }

  /**
   * Runs `fn` in a transaction and answers once it is durable. On SQLite it is
   * a group commit (storage/sqlite.ts): committed at once, its write-ahead log
   * synced on the thread pool with the commits made meanwhile, so the event
   * loop goes on checking the next batch. Until it is on disk, no inbox answer
   * hands out anything (`undurable`); `afterCommit` runs as soon as it has
   * committed (the recipients' long polls are woken while it syncs).
   */
  private async commit<T>(fn: (trx: Tx) => Promise<T>, afterCommit: () => Promise<void> = () => Promise.resolve()): Promise<T> {
    if (!this.database.groupCommit) {
      const value = await this.database.transaction(fn);
      await afterCommit();
      return value;
    }
    // Settled once this commit is on disk, or known not to have committed; rejected if the sync failed.
    let settle!: (error?: Error) => void;
    const marker = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
    marker.catch(() => undefined);
    this.undurable.add(marker);
    let committed: { result: T; durable: Promise<void> };
    try {
      committed = await this.database.groupCommit(fn);
    } catch (error) {
      settle();
      this.undurable.delete(marker);
      throw error;
    }
    const announced = afterCommit();
    announced.catch(() => undefined); // awaited below, once durable
    try {
      await committed.durable;
      settle();
    } catch (error) {
      settle(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      this.undurable.delete(marker);
    }
    await announced;
    return committed.result;
  }

  /** Tells the hub's processes that these organisations have new items (their long polls wake). */
  private announce(orgs: ReadonlySet<string>): Promise<void> {
    return orgs.size === 0 ? Promise.resolve() : this.bus.publish(MESSAGES_QUEUED_TOPIC, { orgs: [...orgs] });
  }

  /** Ends every long poll, so the hub can close without waiting for them. */
  wakeAll(): void {
    for (const org of this.waiters.keys()) this.wake(org);
  }

  close(): void {
    this.wakeAll();
    this.unsubscribe();
  }

  private wake(org: string): void {
    const set = this.waiters.get(org);
    if (!set) return;
    this.waiters.delete(org);
    set.forEach((w) => w());
  }

  private waitFor(org: string, ms: number): { promise: Promise<void>; cancel(): void } {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => (done = resolve));
    const timer = setTimeout(() => done(), ms);
    const set = this.waiters.get(org) ?? new Set();
    this.waiters.set(org, set);
    set.add(done);
    return {
      promise: promise.finally(() => clearTimeout(timer)),
      cancel: () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(org) === set) this.waiters.delete(org);
      },
    };
  }

  private keyOf(raw: string): KeyObject {
    let key = this.keyCache.get(raw);
    if (!key) {
      if (this.keyCache.size > 10_000) this.keyCache.clear();
      key = publicKeyFromRaw('ed25519', raw);
      this.keyCache.set(raw, key);
    }
    return key;
  }
}

