import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { EnvelopeError, openEnvelope, sealEnvelope, sealUnsigned, signEnvelopes, type Audience, type Envelope, type HandlingCode, type MessageContent, type Priority, type RoutingHeader, type UnsignedEnvelope } from '../../messaging/envelope.js';
import { NODE_ACTOR, type Actor, type LocalAudit, type LocalAuditEvent } from '../audit/local-audit.js';
import type { Directory, DirectoryOrg, Resolved } from '../directory/directory.js';
import { NodeError } from '../errors.js';
import type { NodeIdentity } from '../files.js';
import { HubUnreachable } from '../link/hub-client.js';
import { linkStateStore } from '../link/state-store.js';
import type { NodeDatabase } from '../storage/open.js';
import type { OutboxRow, OutboxTable } from '../storage/schema.js';
import { isOwnCopy, openOwnCopy, ownCopyKey, sealOwnCopy } from './own-copy.js';
import { outboxStore } from './store.js';

export interface ComposeInput {
  audience: Audience;
  priority: Priority;
  handling: { code: HandlingCode; restriction?: string };
  crimeAreas: string[];
  caseId: string | null;
  content: MessageContent;
}

export interface Composed {
  id: string;
  state: 'queued' | 'awaiting_recipients';
  seq: number | null;
  recipients: string[] | null;
  /** Members of the audience without an enrolled node: the message will not reach them. */
  unreachable: string[];
  createdAt: string;
}

const CONTENT_TYPE = 'application/vnd.blueline.message+json' as const;

/** Compose requests committed together at most: by count, and by content size. */
const BATCH_MAX = 256;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Messages sealed between two turns of the event loop. */
const SEAL_SLICE = 16;

/** A compose request sealed to the node and resolved, waiting for the next group commit. */
interface PendingCompose {
  actor: Actor;
  input: ComposeInput;
  id: string;
  createdAt: string;
  ownCopy: string;
  recipients: Map<string, string> | null;
  resolved: Resolved | null;
  resolve: (composed: Composed) => void;
  reject: (error: unknown) => void;
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** About how many bytes a message's content is (to keep one transaction's size bounded). */
function approximateSize(input: ComposeInput): number {
  return input.content.subject.length + input.content.body.length + input.content.attachments.reduce((n, a) => n + a.data.byteLength, 0);
}

/**
 * Writes messages into the outbox. The content is sealed at once: to the
 * recipients the hub's directory names (with the node's next sequence number,
 * taken in the same transaction that stores the envelope), and under the
 * node's own-copy key, for its own reading (own-copy.ts). When the hub cannot
 * say who the audience reaches and the node has no earlier answer, the message
 * waits in the outbox sealed only to the node itself, and is sealed for its
 * recipients once the hub answers (promoteWaiting). Nothing is ever stored in
 * clear. Concurrent compose requests share one commit (commitPending).
 */
export class Composer {
  /** The key of the node's own copies (own-copy.ts). */
  private readonly ownCopyKey: Buffer;
  private pending: PendingCompose[] = [];
  private committing: Promise<void> | null = null;
  private seqTurn: Promise<unknown> = Promise.resolve();
  /** Commits of envelopes not yet on disk (see sealedDurable). */
  private readonly unflushed = new Set<Promise<void>>();

  constructor(
    private readonly database: NodeDatabase,
    private readonly directory: Directory,
    private readonly identity: NodeIdentity,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
    /** False while the hub is known to be unreachable: composing then does not wait on it. */
    private readonly hubReachable: () => boolean = () => true,
    /** Told when a group's envelopes are committed (the outbox sender may read them: it waits for their flush itself). */
    private readonly onCommitted: () => void = () => {},
  ) {
    this.ownCopyKey = ownCopyKey(identity.keys.encryption.privateKey);
  }

  async compose(actor: Actor, input: ComposeInput): Promise<Composed> {
    return this.enqueue(await this.prepare(actor, input));
  }

  /** Several messages, given sequence numbers in the order given; each is composed, or fails, on its own. */
  async composeMany(actor: Actor, inputs: readonly ComposeInput[]): Promise<PromiseSettledResult<Composed>[]> {
    const prepared = await Promise.allSettled(inputs.map((input) => this.prepare(actor, input)));
    return Promise.allSettled(prepared.map((p) => (p.status === 'fulfilled' ? this.enqueue(p.value) : Promise.reject(p.reason as Error))));
  }

  /** Sealed to the node, its audience resolved: ready for the next group commit. */
  private async prepare(actor: Actor, input: ComposeInput): Promise<Omit<PendingCompose, 'resolve' | 'reject'>> {
    const now = this.clock.now();
    const id = newId('msg', now.getTime());
    const createdAt = now.toISOString();
    const ownCopy = sealOwnCopy(this.ownCopyKey, id, input.content);
    // While the hub is known to be down, a compose does not wait for its timeout: the node's copy, or the outbox.
    const resolved = await this.directory.resolve(input.audience, { askHub: this.hubReachable() });
    const recipients = resolved ? this.recipientsOf(resolved.organisations) : null;
    return { actor, input, id, createdAt, ownCopy: JSON.stringify(ownCopy), recipients, resolved };
  }

  private enqueue(job: Omit<PendingCompose, 'resolve' | 'reject'>): Promise<Composed> {
    return new Promise<Composed>((resolve, reject) => {
      this.pending.push({ ...job, resolve, reject });
      this.committing ??= this.commitPending();
    });
  }

  /**
   * Group commit: the compose requests that arrive while a group is sealed
   * and committed wait for the next one and share it — one transaction for all
   * of them, their sequence numbers in order. Each request is answered only
   * once its own message is committed and flushed to disk; the flush runs off
   * the event loop while the next group is sealed (storage/wal-flush.ts).
   */
  private async commitPending(): Promise<void> {
    // Each round first lets the requests under way (reading, sealing) join the queue.
    for (await yieldToIo(); this.pending.length > 0; await yieldToIo()) {
      const batch = this.takeBatch();
      const outcomes: (Composed | Error)[] = [];
      let flushed: Promise<void>;
      try {
        ({ flushed } = await this.withSeqs(async () => {
          // Sealed before the transaction, so the connection stays free for the node's other work meanwhile.
          const { lastSeq } = await linkStateStore.get(this.database.db);
          let seq = lastSeq;
          const rows: OutboxTable[] = [];
          const sealed: { row: number; envelope: UnsignedEnvelope }[] = [];
          const events: { actor: Actor; event: LocalAuditEvent }[] = [];
          for (const [i, job] of batch.entries()) {
            // A large group is sealed in slices: answers from the hub and other requests are handled in between.
            if (i > 0 && i % SEAL_SLICE === 0) await yieldToIo();
            const row: OutboxTable = {
              id: job.id, seq: null, state: 'awaiting_recipients', envelope: null, own_copy: job.ownCopy, recipients: null,
              audience: JSON.stringify(job.input.audience), priority: job.input.priority, handling: JSON.stringify(job.input.handling),
              crime_areas: JSON.stringify(job.input.crimeAreas), case_id: job.input.caseId, created_at: job.createdAt, created_by: job.actor.name,
              attempts: 0, next_attempt_at: null, last_error: null, sent_at: null, failure_code: null, size: 0,
            };
            let composed: Composed = { id: job.id, state: 'awaiting_recipients', seq: null, recipients: null, unreachable: [], createdAt: job.createdAt };
            if (job.recipients) {
              let envelope: UnsignedEnvelope;
              try {
                envelope = sealUnsigned(this.header(job.id, job.createdAt, seq + 1, [...job.recipients.keys()], job.input.audience, job.input), job.input.content, job.recipients);
              } catch (error) {
                // This message alone fails (a recipient's key is unusable): the others of the batch go on.
                outcomes.push(error as Error);
                continue;
              }
              seq += 1;
              sealed.push({ row: rows.length, envelope });
              rows.push({ ...row, state: 'queued', seq, recipients: JSON.stringify(envelope.recipients) });
              composed = { id: job.id, state: 'queued', seq, recipients: envelope.recipients, unreachable: job.resolved?.unreachable ?? [], createdAt: job.createdAt };
            } else {
              rows.push(row);
            }
            const { input } = job;
            events.push({
              actor: job.actor,
              event: {
                action: 'message.compose', resourceType: 'message', resourceId: job.id,
                details: {
                  state: composed.state, seq: composed.seq, audience: input.audience, recipients: composed.recipients, priority: input.priority,
                  handling: input.handling.code, crimeAreas: input.crimeAreas, caseId: input.caseId, attachments: input.content.attachments.length,
                  ...(job.resolved?.stale ? { directory: 'stale copy (hub unreachable)' } : {}),
                },
              },
            });
            outcomes.push(composed);
          }
          // The group's envelopes are signed together (one signature for those to the same recipients: decision 0008).
          const signed = signEnvelopes(sealed.map((x) => x.envelope), this.identity.keys.signing.privateKey);
          sealed.forEach((x, i) => {
            const text = JSON.stringify(signed[i]);
            rows[x.row] = { ...(rows[x.row] as OutboxTable), envelope: text, size: text.length };
          });
          return this.tracked(() => this.database.commit(async (trx) => {
            if ((await linkStateStore.get(trx)).lastSeq !== lastSeq) throw new Error('sequence numbers were taken while a group was sealed');
            await outboxStore.insertMany(trx, rows);
            if (seq !== lastSeq) await linkStateStore.setLastSeq(trx, seq, this.clock.now().toISOString());
            await this.audit.recordMany(trx, events);
          }));
        }));
      } catch (error) {
        batch.forEach((job) => job.reject(error));
        continue;
      }
      this.onCommitted();
      // Answered once on disk; meanwhile the next group is sealed and committed.
      flushed.then(() => batch.forEach((job, i) => {
        const outcome = outcomes[i];
        if (outcome instanceof Error || outcome === undefined) job.reject(outcome ?? new Error('not composed'));
        else job.resolve(outcome);
      }), (error: unknown) => batch.forEach((job) => job.reject(error)));
    }
    this.committing = null;
  }

  /**
   * Settles once every envelope committed to the outbox so far is on disk:
   * what the outbox sender waits for after reading a batch, and nothing else
   * (the node's other commits need not hold it up).
   */
  sealedDurable(): Promise<void> {
    return this.unflushed.size === 0 ? Promise.resolve() : Promise.all(this.unflushed).then(() => undefined);
  }

  /**
   * A commit of envelopes, known from before it starts until it is on disk
   * (`unflushed`): a batch read meanwhile may hold its rows.
   */
  private async tracked<T>(commit: () => Promise<{ value: T; flushed: Promise<void> }>): Promise<{ value: T; flushed: Promise<void> }> {
    let settle!: (error?: Error) => void;
    const marker = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
    marker.catch(() => undefined);
    this.unflushed.add(marker);
    const done = (error?: unknown) => {
      this.unflushed.delete(marker);
      settle(error === undefined ? undefined : error instanceof Error ? error : new Error('flushing the outbox failed', { cause: error }));
    };
    let committed: { value: T; flushed: Promise<void> };
    try {
      committed = await commit();
    } catch (error) {
      done();
      throw error;
    }
    committed.flushed.then(() => done(), done);
    return committed;
  }

  /**
   * Runs `fn` alone among the node's takers of sequence numbers (group
   * commits, promotions of waiting messages), in call order: a group is sealed
   * with the numbers after the last one committed, outside its transaction.
   */
  private withSeqs<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.seqTurn.then(fn, fn);
    this.seqTurn = run.catch(() => undefined);
    return run;
  }

  /** The next requests to commit together: at most BATCH_MAX, and about BATCH_BYTES of content (at least one). */
  private takeBatch(): PendingCompose[] {
    let n = 0;
    let bytes = 0;
    while (n < this.pending.length && n < BATCH_MAX) {
      const size = approximateSize((this.pending[n] as PendingCompose).input);
      if (n > 0 && bytes + size > BATCH_BYTES) break;
      bytes += size;
      n += 1;
    }
    return this.pending.splice(0, n);
  }

  /**
   * Seals, for their recipients, the messages that waited for the hub's
   * directory. Stops at the first the hub still cannot answer for; a message
   * whose audience turned out to reach no one fails with that code.
   */
  async promoteWaiting(): Promise<number> {
    let promoted = 0;
    for (const row of await outboxStore.awaitingRecipients(this.database.db, 100)) {
      const audience = JSON.parse(row.audience) as Audience;
      let resolved;
      try {
        resolved = await this.directory.resolve(audience);
      } catch (error) {
        if (error instanceof HubUnreachable) return promoted;
        if (!(error instanceof NodeError)) throw error;
        await this.database.transaction(async (trx) => {
          await outboxStore.markFailed(trx, row.id, error.code, error.message);
          await this.audit.record(trx, NODE_ACTOR, { action: 'message.fail', resourceType: 'message', resourceId: row.id, outcome: 'failure', details: { code: error.code, detail: error.message } });
        });
        continue;
      }
      if (!resolved) return promoted;
      const input = await this.inputOf(row);
      const recipients = this.recipientsOf(resolved.organisations);
      await this.withSeqs(() => this.tracked(() => this.database.commit(async (trx) => {
        const seq = await linkStateStore.takeSeq(trx, this.clock.now().toISOString());
        const envelope = await this.seal({ id: row.id, createdAt: row.created_at, input }, seq, recipients);
        const text = JSON.stringify(envelope);
        await outboxStore.sealed(trx, row.id, { seq, envelope: text, recipients: envelope.recipients, size: text.length });
        await this.audit.record(trx, NODE_ACTOR, { action: 'message.seal', resourceType: 'message', resourceId: row.id, details: { seq, recipients: envelope.recipients, unreachable: resolved.unreachable } });
      })).then(({ flushed }) => flushed));
      promoted += 1;
    }
    return promoted;
  }

  /** Opens the node's own copy of a message it sent (either form: see own-copy.ts). */
  async openOwnCopy(row: Pick<OutboxRow, 'id' | 'own_copy'>): Promise<MessageContent> {
    const copy = JSON.parse(row.own_copy) as unknown;
    if (isOwnCopy(copy)) return openOwnCopy(this.ownCopyKey, row.id, copy);
    const envelope = copy as Envelope;
    if (envelope?.id !== row.id) throw new EnvelopeError('message.tampered', `this node's copy of message ${row.id} belongs to another message`);
    return openEnvelope(envelope, { orgId: this.identity.orgId, encryptionPrivateKey: this.identity.keys.encryption.privateKey }, this.identity.keys.signing.publicKey);
  }

  private recipientsOf(orgs: DirectoryOrg[]): Map<string, string> {
    const recipients = new Map(orgs.filter((o) => o.id !== this.identity.orgId).map((o) => [o.id, o.encryptionKey] as const));
    if (recipients.size === 0) throw new NodeError('message.audience_empty', 'the audience reaches no member but this node');
    return recipients;
  }

  private header(id: string, createdAt: string, seq: number, recipients: string[], audience: Audience, input: ComposeInput): RoutingHeader {
    return {
      v: 1, id, sender: this.identity.orgId, seq, recipients, audience, priority: input.priority,
      handling: input.handling.restriction === undefined ? { code: input.handling.code } : { code: input.handling.code, restriction: input.handling.restriction },
      crimeAreas: input.crimeAreas, caseId: input.caseId, createdAt, contentType: CONTENT_TYPE,
    };
  }

  private seal(base: { id: string; createdAt: string; input: ComposeInput }, seq: number, recipients: Map<string, string>): Promise<Envelope> {
    const header = this.header(base.id, base.createdAt, seq, [...recipients.keys()], base.input.audience, base.input);
    return sealEnvelope(header, base.input.content, this.identity.keys.signing.privateKey, recipients);
  }

  private async inputOf(row: OutboxRow): Promise<ComposeInput> {
    return {
      audience: JSON.parse(row.audience) as Audience,
      priority: row.priority as Priority,
      handling: JSON.parse(row.handling) as ComposeInput['handling'],
      crimeAreas: JSON.parse(row.crime_areas) as string[],
      caseId: row.case_id,
      content: await this.openOwnCopy(row),
    };
  }
}
