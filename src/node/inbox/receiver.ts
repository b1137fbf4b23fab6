import type { Clock } from '../../core/clock.js';
import { EnvelopeError, openEnvelope, type Envelope } from '../../messaging/envelope.js';
import { signReceipt, verifyReceipt, type Receipt } from '../../messaging/receipt.js';
import { NODE_ACTOR, type LocalAudit } from '../audit/local-audit.js';
import type { Directory } from '../directory/directory.js';
import type { NodeIdentity } from '../files.js';
import { HubUnreachable, isRetryableStatus, type HubClient } from '../link/hub-client.js';
import { linkStateStore } from '../link/state-store.js';
import { RetryLater, type StepResult } from '../link/worker.js';
import { outboxStore } from '../outbox/store.js';
import { receiptStore } from '../receipts/store.js';
import type { NodeDatabase } from '../storage/open.js';
import { inboxStore } from './store.js';

export type InboxItem = { cursor: number; kind: 'message'; envelope: unknown } | { cursor: number; kind: 'receipt'; receipt: unknown };

/** Items asked for per poll: fewer while messages are large, so one page stays within memory. */
const PAGE_MAX = 100;
const PAGE_BYTES_HIGH = 16 * 1024 * 1024;
const PAGE_BYTES_LOW = 1024 * 1024;

/**
 * Fetches what the hub holds for this node (a long poll), and for each item:
 * a message is checked (the sender's signature, that this organisation is a
 * recipient, that its key opens it), stored once by id, and a signed delivery
 * receipt queued — all in one transaction with the cursor; a receipt on a
 * message this node sent is checked with its recipient's key and recorded.
 * Anything that fails a check is recorded as refused and audited. Only then
 * does the node acknowledge the items to the hub, so nothing is lost if the
 * node stops half-way, and nothing is stored twice when items come again.
 */
export class InboxReceiver {
  private page = PAGE_MAX;
  /** A cursor stored but not yet acknowledged (the acknowledgement failed): acknowledged before the next poll. */
  private unacked: number | undefined;

  constructor(
    private readonly database: NodeDatabase,
    private readonly hub: HubClient,
    private readonly directory: Directory,
    private readonly identity: NodeIdentity,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
    private readonly settings: { waitSeconds: number; timeoutMs: number },
    private readonly onReceipt: () => void,
  ) {}

  async step(signal: AbortSignal): Promise<StepResult> {
    if (this.unacked !== undefined) await this.ack(this.unacked);
    const { inboxCursor } = await linkStateStore.get(this.database.db);
    const started = Date.now();
    let res;
    try {
      res = await this.hub.request('GET', `/node/v1/inbox?after=${inboxCursor}&limit=${this.page}&wait=${this.settings.waitSeconds}`, {
        signal,
        timeoutMs: this.settings.waitSeconds * 1000 + this.settings.timeoutMs,
      });
    } catch (error) {
      if (error instanceof HubUnreachable) throw new RetryLater(error.message);
      throw error;
    }
    if (res.status !== 200) {
      const why = `the hub answered ${res.status} ${res.problemCode() ?? ''} to the inbox poll`;
      if (isRetryableStatus(res.status) || res.status === 401 || res.status === 403) throw new RetryLater(why);
      throw new Error(why);
    }
    if (res.body.length > PAGE_BYTES_HIGH) this.page = Math.max(1, Math.floor(this.page / 4));
    else if (res.body.length < PAGE_BYTES_LOW) this.page = Math.min(PAGE_MAX, this.page * 2);
    const { items } = res.json<{ items: InboxItem[]; next: number }>();
    let last: number | undefined;
    for (const item of items) {
      if (item.cursor <= inboxCursor) continue;
      await this.handle(item);
      last = item.cursor;
    }
    if (last !== undefined) await this.ack(last);
    // An empty answer that came back at once (no long poll) must not turn into a busy loop.
    return items.length === 0 && Date.now() - started < 1000 ? 'idle' : 'busy';
  }

  /** One item of the hub's inbox: checked, stored (or refused) and the cursor moved, in one transaction. */
  async handle(item: InboxItem): Promise<void> {
    if (item.kind === 'message') await this.message(item.cursor, item.envelope);
    else if (item.kind === 'receipt') await this.receipt(item.cursor, item.receipt);
    else await this.database.transaction((trx) => linkStateStore.setInboxCursor(trx, (item as { cursor: number }).cursor, this.clock.now().toISOString()));
  }

  private async ack(upTo: number): Promise<void> {
    // Until the hub has the acknowledgement the items stay queued there; they are stored here already.
    this.unacked = upTo;
    let res;
    try {
      res = await this.hub.request('POST', '/node/v1/inbox/ack', { body: { upTo } });
    } catch (error) {
      if (error instanceof HubUnreachable) throw new RetryLater(error.message);
      throw error;
    }
    if (res.status !== 200) throw new RetryLater(`the hub answered ${res.status} to the acknowledgement`);
    this.unacked = undefined;
  }

  private async message(cursor: number, raw: unknown): Promise<void> {
    const now = this.clock.now().toISOString();
    const text = JSON.stringify(raw);
    const envelope = raw as Envelope;
    const id = typeof envelope?.id === 'string' ? envelope.id : null;
    const sender = typeof envelope?.sender === 'string' ? envelope.sender : null;
    if (id && (await inboxStore.has(this.database.db, id))) {
      await this.database.transaction((trx) => linkStateStore.setInboxCursor(trx, cursor, now));
      return;
    }
    const refuse = (code: string, detail: string) =>
      this.database.transaction(async (trx) => {
        await inboxStore.recordRefusal(trx, { message_id: id, sender, code, detail, envelope: text, received_at: now });
        await this.audit.record(trx, NODE_ACTOR, { action: 'message.refuse', resourceType: 'message', resourceId: id, outcome: 'denied', details: { sender, code, detail, cursor } });
        await linkStateStore.setInboxCursor(trx, cursor, now);
      });
    if (!id || !sender || typeof envelope !== 'object') return refuse('message.malformed', 'not a Blueline envelope');

    let senderKey = await this.senderKey(sender, false);
    if (!senderKey) return refuse('message.tampered', `the sender ${sender} has no registered key to verify with`);
    let failure: EnvelopeError | undefined;
    for (const refresh of [false, true]) {
      if (refresh) {
        // The sender's node may have a new key since the node last asked: ask again once.
        const fresh = await this.senderKey(sender, true);
        if (!fresh || fresh === senderKey) break;
        senderKey = fresh;
      }
      try {
        await openEnvelope(envelope, { orgId: this.identity.orgId, encryptionPrivateKey: this.identity.keys.encryption.privateKey }, this.directory.signingKey(senderKey));
        failure = undefined;
        break;
      } catch (error) {
        if (!(error instanceof EnvelopeError)) return refuse('message.malformed', (error as Error).message);
        failure = error;
        if (error.code !== 'message.tampered') break;
      }
    }
    if (failure) return refuse(failure.code, failure.message);

    const delivered = signReceipt({ messageId: id, recipient: this.identity.orgId, kind: 'delivered', at: now }, this.identity.keys.signing.privateKey);
    await this.database.transaction(async (trx) => {
      const fresh = await inboxStore.insertOnce(trx, {
        id, sender, envelope: text, sender_key: senderKey, priority: String(envelope.priority), handling: JSON.stringify(envelope.handling),
        crime_areas: JSON.stringify(envelope.crimeAreas ?? []), case_id: envelope.caseId ?? null, created_at: String(envelope.createdAt),
        received_at: now, read_at: null, read_by: null,
      });
      if (fresh) {
        await receiptStore.queue(trx, delivered, now);
        await this.audit.record(trx, NODE_ACTOR, { action: 'message.receive', resourceType: 'message', resourceId: id, details: { sender, seq: envelope.seq, priority: envelope.priority, handling: envelope.handling?.code, caseId: envelope.caseId ?? null, cursor } });
      }
      await linkStateStore.setInboxCursor(trx, cursor, now);
    });
    this.onReceipt();
  }

  private async receipt(cursor: number, raw: unknown): Promise<void> {
    const now = this.clock.now().toISOString();
    const r = raw as Receipt;
    const why = await this.checkReceipt(r);
    await this.database.transaction(async (trx) => {
      if (why) {
        await this.audit.record(trx, NODE_ACTOR, { action: 'receipt.refuse', resourceType: 'message', resourceId: typeof r?.messageId === 'string' ? r.messageId : null, outcome: 'denied', details: { why, recipient: r?.recipient ?? null, kind: r?.kind ?? null } });
      } else if (await receiptStore.record(trx, r, now)) {
        await this.audit.record(trx, NODE_ACTOR, { action: 'receipt.receive', resourceType: 'message', resourceId: r.messageId, details: { recipient: r.recipient, kind: r.kind, at: r.at, by: r.by ?? null } });
      }
      await linkStateStore.setInboxCursor(trx, cursor, now);
    });
  }

  /** Why a receipt is refused, or null: it must be about a message this node sent to its signer, and verify. */
  private async checkReceipt(r: Receipt): Promise<string | null> {
    if (typeof r !== 'object' || r === null || typeof r.messageId !== 'string' || typeof r.recipient !== 'string' || typeof r.signature !== 'string' || typeof r.at !== 'string') return 'not a receipt';
    if (r.kind !== 'delivered' && r.kind !== 'read') return `no receipt kind ${String(r.kind)}`;
    const message = await outboxStore.get(this.database.db, r.messageId);
    if (!message || message.recipients === null) return `this node sent no message ${r.messageId}`;
    if (!(JSON.parse(message.recipients) as string[]).includes(r.recipient)) return `${r.recipient} is not a recipient of ${r.messageId}`;
    let key = await this.senderKey(r.recipient, false);
    if (key && verifyReceipt(r, this.directory.signingKey(key))) return null;
    const fresh = await this.senderKey(r.recipient, true);
    if (fresh && fresh !== key) {
      key = fresh;
      if (verifyReceipt(r, this.directory.signingKey(key))) return null;
    }
    return 'the receipt signature does not verify with the recipient\'s key';
  }

  /** An organisation's signing key (raw); when the hub cannot be asked and the node has none, the poll stops and tries later. */
  private async senderKey(orgId: string, refresh: boolean): Promise<string | undefined> {
    try {
      return (await this.directory.organisation(orgId, { refresh }))?.signingKey;
    } catch (error) {
      if (error instanceof HubUnreachable) throw new RetryLater(error.message);
      throw error;
    }
  }
}
