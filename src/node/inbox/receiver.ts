import type { Clock } from '../../core/clock.js';
import { EnvelopeError, openEnvelope, type Envelope } from '../../messaging/envelope.js';
import { signReceipts, verifyReceipt, type Receipt } from '../../messaging/receipt.js';
import { NODE_ACTOR, type Actor, type LocalAudit, type LocalAuditEvent } from '../audit/local-audit.js';
import type { Directory } from '../directory/directory.js';
import type { NodeIdentity } from '../files.js';
import { HubUnreachable, isRetryableStatus, type HubClient } from '../link/hub-client.js';
import { linkStateStore } from '../link/state-store.js';
import { RetryLater, type StepResult } from '../link/worker.js';
import { outboxStore } from '../outbox/store.js';
import { receiptStore } from '../receipts/store.js';
import type { NodeDatabase, NodeTx } from '../storage/open.js';
import type { InboxTable } from '../storage/schema.js';
import { inboxStore } from './store.js';

/** What a page's transaction writes: audit entries to append; messages checked, stored together at the end. */
interface Written {
  events: { actor: Actor; event: LocalAuditEvent }[];
  messages: { row: InboxTable; receipt: Receipt; event: LocalAuditEvent }[];
  /** Checked receipts on messages this node sent, recorded together at the end. */
  receipts: Receipt[];
  fresh: number;
}

/** What one checked item writes in the page's transaction. */
type Write = (trx: NodeTx, done: Written) => Promise<void>;

/** What a page's checks share: its time, the messages already stored here, the recipients of the messages its receipts are about. */
interface Page {
  now: string;
  stored: Set<string>;
  sent: ReadonlyMap<string, string[]>;
  /** The delivery receipts of the page's messages, signed together once every item is checked. */
  receipts: { messageId: string; signed?: Receipt | undefined }[];
}

export type InboxItem = { cursor: number; kind: 'message'; envelope: unknown } | { cursor: number; kind: 'receipt'; receipt: unknown };

/** Items asked for per poll: fewer while messages are large, so one page stays within memory. */
const PAGE_MAX = 250;
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
  /** The acknowledgement under way, if any. */
  private acking: Promise<void> | undefined;

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
    if (this.unacked !== undefined && this.acking === undefined) await this.ack(this.unacked, this.database.flushed());
    const { inboxCursor } = await linkStateStore.get(this.database.db);
    const started = Date.now();
    let res;
    try {
      res = await this.hub.request('GET', `/node/v1/inbox?after=${inboxCursor}&limit=${this.page}&wait=${this.settings.waitSeconds}`, {
        signal,
        timeoutMs: this.settings.waitSeconds * 1000 + this.settings.timeoutMs,
        // A poll moves nothing at the hub (the acknowledgement does): it need not wait for the last page to be on disk.
        durableFirst: false,
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
    const fresh = items.filter((item) => item.cursor > inboxCursor);
    if (fresh.length > 0) {
      // The next poll goes out while the page is flushed; its acknowledgement and receipts wait for the flush.
      const { flushed } = await this.handlePage(fresh);
      this.startAck((fresh[fresh.length - 1] as InboxItem).cursor, flushed);
    }
    // An empty answer that came back at once (no long poll) must not turn into a busy loop.
    return items.length === 0 && Date.now() - started < 1000 ? 'idle' : 'busy';
  }

  /** One item of the hub's inbox: checked, stored (or refused) and the cursor moved, in one transaction. */
  async handle(item: InboxItem): Promise<void> {
    await (await this.handlePage([item])).flushed;
  }

  /**
   * A page of the hub's inbox, in order: every item is checked first (the
   * signatures, the addressing, the decryption), then everything is written in
   * one transaction with the cursor of the last — one commit for the page.
   * When a check cannot be made now (the hub is needed for a key and cannot be
   * reached), the items before it are committed and the poll stops there.
   * Answers once the page has committed, with `flushed`: settled once it is on
   * disk, after which its delivery receipts are announced (onReceipt) and its
   * acknowledgement may go.
   */
  private async handlePage(items: readonly InboxItem[]): Promise<{ flushed: Promise<void> }> {
    const now = this.clock.now().toISOString();
    const db = this.database.db;
    const messageIds = items.flatMap((i) => (i.kind === 'message' && typeof (i.envelope as Envelope | null)?.id === 'string' ? [(i.envelope as Envelope).id] : []));
    const receiptIds = items.flatMap((i) => (i.kind === 'receipt' && typeof (i.receipt as Receipt | null)?.messageId === 'string' ? [(i.receipt as Receipt).messageId] : []));
    const page: Page = {
      now,
      stored: await inboxStore.existing(db, messageIds),
      sent: await outboxStore.recipientsOf(db, receiptIds),
      receipts: [],
    };
    const writes: { cursor: number; write: Write }[] = [];
    let stopped: Error | undefined;
    for (const item of items) {
      try {
        writes.push({ cursor: item.cursor, write: await this.check(item, page) });
      } catch (error) {
        stopped = error instanceof Error ? error : new Error(String(error));
        break;
      }
    }
    const last = writes[writes.length - 1];
    const signed = signReceipts(page.receipts.map((r) => ({ messageId: r.messageId, recipient: this.identity.orgId, kind: 'delivered' as const, at: now })), this.identity.keys.signing.privateKey);
    page.receipts.forEach((r, i) => (r.signed = signed[i]));
    let flushed: Promise<void> = Promise.resolve();
    if (last) {
      const done: Written = { events: [], messages: [], receipts: [], fresh: 0 };
      ({ flushed } = await this.database.commit(async (trx) => {
        done.events = [];
        done.messages = [];
        done.receipts = [];
        for (const w of writes) await w.write(trx, done);
        // Each receipt once (by message, recipient and kind): only the new ones are audited.
        const recorded = await receiptStore.recordNew(trx, done.receipts, now);
        await outboxStore.markSentByReceipt(trx, [...new Set(done.receipts.map((r) => r.messageId))], now);
        for (const r of done.receipts) {
          if (!recorded.delete(receiptStore.keyOf(r))) continue;
          done.events.push({ actor: NODE_ACTOR, event: { action: 'receipt.receive', resourceType: 'message', resourceId: r.messageId, details: { recipient: r.recipient, kind: r.kind, at: r.at, by: r.by ?? null } } });
        }
        // Stored once by id: only those new here get a delivery receipt and an entry.
        const stored = await inboxStore.insertNew(trx, done.messages.map((m) => m.row));
        const fresh = done.messages.filter((m) => stored.has(m.row.id));
        await receiptStore.queueMany(trx, fresh.map((m) => m.receipt), now);
        done.events.push(...fresh.map((m) => ({ actor: NODE_ACTOR, event: m.event })));
        done.fresh = fresh.length;
        await this.audit.recordMany(trx, done.events);
        await linkStateStore.setInboxCursor(trx, last.cursor, now);
      }));
      // Once for each message stored and on disk: its delivery receipt is queued.
      flushed = flushed.then(() => {
        for (let i = 0; i < done.fresh; i++) this.onReceipt();
      });
    }
    if (stopped !== undefined) {
      await flushed;
      throw stopped;
    }
    return { flushed };
  }

  private check(item: InboxItem, page: Page): Promise<Write> | Write {
    if (item.kind === 'message') return this.message(item.cursor, item.envelope, page);
    if (item.kind === 'receipt') return this.receipt(item.receipt, page);
    return async () => {};
  }

  /**
   * The acknowledgement travels while the next page is asked for (the poll
   * names its cursor itself). Acknowledgements go one after the other; one that
   * failed is made again before the next poll.
   */
  private startAck(upTo: number, flushed: Promise<void>): void {
    this.unacked = upTo;
    flushed.catch(() => undefined); // awaited by the acknowledgement
    const current: Promise<void> = (this.acking ?? Promise.resolve())
      .then(() => this.ack(upTo, flushed))
      .catch(() => undefined)
      .finally(() => {
        if (this.acking === current) this.acking = undefined;
      });
    this.acking = current;
  }

  private async ack(upTo: number, flushed: Promise<void>): Promise<void> {
    // Until the hub has the acknowledgement the items stay queued there; they are stored here, and on disk, first.
    await flushed;
    let res;
    try {
      res = await this.hub.request('POST', '/node/v1/inbox/ack', { body: { upTo }, durableFirst: false });
    } catch (error) {
      if (error instanceof HubUnreachable) throw new RetryLater(error.message);
      throw error;
    }
    if (res.status !== 200) throw new RetryLater(`the hub answered ${res.status} to the acknowledgement`);
    if (this.unacked === upTo) this.unacked = undefined;
  }

  /** Checks a message (signature, addressing, decryption); answers what to write for it. */
  private async message(cursor: number, raw: unknown, page: Page): Promise<Write> {
    const { now } = page;
    const text = JSON.stringify(raw);
    const envelope = raw as Envelope;
    const id = typeof envelope?.id === 'string' ? envelope.id : null;
    const sender = typeof envelope?.sender === 'string' ? envelope.sender : null;
    if (id && page.stored.has(id)) return async () => {};
    const refuse = (code: string, detail: string): Write => async (trx, done) => {
      await inboxStore.recordRefusal(trx, { message_id: id, sender, code, detail, envelope: text, received_at: now });
      done.events.push({ actor: NODE_ACTOR, event: { action: 'message.refuse', resourceType: 'message', resourceId: id, outcome: 'denied', details: { sender, code, detail, cursor } } });
    };
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

    // A second copy of the same id later in the page is not checked again (and would not be stored twice).
    page.stored.add(id);
    const verifiedWith = senderKey;
    const delivered: Page['receipts'][number] = { messageId: id };
    page.receipts.push(delivered);
    return (_trx, done) => {
      if (!delivered.signed) throw new Error(`no delivery receipt signed for ${id}`);
      done.messages.push({
        row: {
          id, sender, envelope: text, sender_key: verifiedWith, priority: String(envelope.priority), handling: JSON.stringify(envelope.handling),
          crime_areas: JSON.stringify(envelope.crimeAreas ?? []), case_id: envelope.caseId ?? null, created_at: String(envelope.createdAt),
          received_at: now, read_at: null, read_by: null,
        },
        receipt: delivered.signed,
        event: { action: 'message.receive', resourceType: 'message', resourceId: id, details: { sender, seq: envelope.seq, priority: envelope.priority, handling: envelope.handling?.code, caseId: envelope.caseId ?? null, cursor } },
      });
      return Promise.resolve();
    };
  }

  /** Checks a receipt on a message this node sent; answers what to write for it. */
  private async receipt(raw: unknown, page: Page): Promise<Write> {
    const r = raw as Receipt;
    const why = await this.checkReceipt(r, page.sent);
    if (why) {
      return async (_trx, done) => {
        done.events.push({ actor: NODE_ACTOR, event: { action: 'receipt.refuse', resourceType: 'message', resourceId: typeof r?.messageId === 'string' ? r.messageId : null, outcome: 'denied', details: { why, recipient: r?.recipient ?? null, kind: r?.kind ?? null } } });
      };
    }
    return (_trx, done) => {
      done.receipts.push(r);
      return Promise.resolve();
    };
  }

  /** Why a receipt is refused, or null: it must be about a message this node sent to its signer, and verify. */
  private async checkReceipt(r: Receipt, sent: ReadonlyMap<string, string[]>): Promise<string | null> {
    if (typeof r !== 'object' || r === null || typeof r.messageId !== 'string' || typeof r.recipient !== 'string' || typeof r.signature !== 'string' || typeof r.at !== 'string') return 'not a receipt';
    if (r.kind !== 'delivered' && r.kind !== 'read') return `no receipt kind ${String(r.kind)}`;
    const recipients = sent.get(r.messageId);
    if (!recipients) return `this node sent no message ${r.messageId}`;
    if (!recipients.includes(r.recipient)) return `${r.recipient} is not a recipient of ${r.messageId}`;
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
