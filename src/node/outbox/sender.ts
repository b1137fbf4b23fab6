import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { NODE_ACTOR, type LocalAudit } from '../audit/local-audit.js';
import { HubUnreachable, isRetryableStatus, type HubClient } from '../link/hub-client.js';
import { RetryLater, type StepResult } from '../link/worker.js';
import type { NodeDatabase } from '../storage/open.js';
import type { Composer } from './composer.js';
import { outboxStore } from './store.js';

/** The hub takes at most this many envelopes per request. */
export const BATCH_LIMIT = 100;
/** And bodies up to 64 MiB: batches stay well under. */
const BATCH_BYTES = 40 * 1024 * 1024;

interface SendResult {
  id: string;
  status: 'accepted' | 'duplicate' | 'refused';
  code?: string;
  detail?: string;
}

/**
 * Sends the outbox to the hub in sequence order, in batches. The hub answers
 * each envelope accepted, duplicate (it already has it: a retry after a lost
 * answer) or refused with a code; the first two are done, a refusal fails the
 * message with the hub's code for its sender to see. A network failure or a
 * 5xx changes nothing in the outbox: the same batch goes again after a pause
 * (the worker's backoff), so a message is sent until the hub has it, across
 * restarts of either side.
 */
export class OutboxSender {
  /** After a whole batch was refused, envelopes go one by one for this many, to find the one at fault. */
  private singly = 0;
  /** The envelopes of the last batch that could not be delivered, for recording when they go again. */
  private failedBatch: { ids: string[]; why: string } | undefined;

  constructor(
    private readonly database: NodeDatabase,
    private readonly hub: HubClient,
    private readonly composer: Composer,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  async step(signal: AbortSignal): Promise<StepResult> {
    const db = this.database.db;
    if ((await outboxStore.countAwaiting(db)) > 0) await this.composer.promoteWaiting();
    const batch = await outboxStore.nextBatch(db, this.singly > 0 ? 1 : BATCH_LIMIT, BATCH_BYTES);
    if (batch.length === 0) return 'idle';
    const ids = batch.map((b) => b.id);
    this.failedBatch = undefined;
    const retry = (why: string): never => {
      this.failedBatch = { ids, why };
      throw new RetryLater(why);
    };

    let res;
    try {
      // Only envelopes on disk leave the node (a power cut must not take back a sequence number the hub has seen).
      res = await this.hub.request('POST', '/node/v1/messages', {
        rawJson: `{"envelopes":[${batch.map((b) => b.envelope).join(',')}]}`, signal, durableFirst: () => this.composer.sealedDurable(),
      });
    } catch (error) {
      if (error instanceof HubUnreachable) return retry(error.message);
      throw error;
    }
    if (res.status === 200) {
      const { results } = res.json<{ results: SendResult[] }>();
      await this.apply(batch.map((b) => b.id), results);
      if (this.singly > 0) this.singly -= 1;
      return 'busy';
    }
    const code = res.problemCode() ?? `http.${res.status}`;
    // The hub is down or busy, or refuses the node's certificate (it may be renewed or reinstated): try again later.
    if (isRetryableStatus(res.status) || res.status === 401 || res.status === 403) return retry(`the hub answered ${res.status} ${code}`);
    if (batch.length > 1) {
      this.log.warn({ code, size: batch.length }, 'the hub refused a whole batch; sending its envelopes one by one');
      this.singly = batch.length;
      return 'busy';
    }
    await this.apply(ids, [{ id: ids[0] as string, status: 'refused', code: res.status === 413 ? 'message.too_large' : code, detail: `the hub answered ${res.status}` }]);
    if (this.singly > 0) this.singly -= 1;
    return 'busy';
  }

  /** After a failed attempt: the batch's attempts, the reason and when it goes again, for the outbox's readers. */
  async noteBackoff(pauseMs: number): Promise<void> {
    if (!this.failedBatch) return;
    const { ids, why } = this.failedBatch;
    await outboxStore.noteAttempt(this.database.db, ids, why, new Date(this.clock.now().getTime() + pauseMs).toISOString());
  }

  private async apply(ids: string[], results: SendResult[]): Promise<void> {
    const byId = new Map(results.map((r) => [r.id, r]));
    const now = this.clock.now().toISOString();
    // Not waited for on disk: were it lost, the envelopes would go again and the hub answer duplicate.
    const { flushed } = await this.database.commit(async (trx) => {
      const sent: string[] = [];
      for (const id of ids) {
        const result = byId.get(id);
        if (!result) continue; // not answered for: stays queued and goes again
        if (result.status === 'accepted' || result.status === 'duplicate') {
          sent.push(id);
        } else {
          const code = result.code ?? 'message.refused';
          await outboxStore.markFailed(trx, id, code, result.detail ?? 'refused by the hub');
          await this.audit.record(trx, NODE_ACTOR, { action: 'message.fail', resourceType: 'message', resourceId: id, outcome: 'failure', details: { code, detail: result.detail ?? null } });
        }
      }
      await outboxStore.markSent(trx, sent, now);
      if (sent.length > 0) await this.audit.record(trx, NODE_ACTOR, { action: 'message.send', resourceType: 'message', resourceId: sent.length === 1 ? (sent[0] as string) : null, details: { ids: sent } });
    });
    flushed.catch((error: unknown) => this.log.error({ err: error }, 'outbox: flushing the sent marks failed'));
  }
}
