import type { Clock } from '../../core/clock.js';
import { NODE_ACTOR, type LocalAudit } from '../audit/local-audit.js';
import { HubUnreachable, isRetryableStatus, type HubClient } from '../link/hub-client.js';
import { RetryLater, type StepResult } from '../link/worker.js';
import type { NodeDatabase } from '../storage/open.js';
import { receiptStore } from './store.js';

const BATCH = 250;

/** Sends the delivery and read receipts this node signed to the hub, which passes them to the senders. */
export class ReceiptSender {
  constructor(
    private readonly database: NodeDatabase,
    private readonly hub: HubClient,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
  ) {}

  async step(signal: AbortSignal): Promise<StepResult> {
    const db = this.database.db;
    const batch = await receiptStore.unsent(db, BATCH);
    if (batch.length === 0) return 'idle';
    let res;
    try {
      res = await this.hub.request('POST', '/node/v1/receipts', { rawJson: `{"receipts":[${batch.map((b) => b.receipt).join(',')}]}`, signal });
    } catch (error) {
      if (!(error instanceof HubUnreachable)) throw error;
      await receiptStore.noteAttempt(db, batch.map((b) => b.id));
      throw new RetryLater(error.message);
    }
    if (res.status !== 200) {
      await receiptStore.noteAttempt(db, batch.map((b) => b.id));
      const why = `the hub answered ${res.status} ${res.problemCode() ?? ''} to receipts`;
      if (isRetryableStatus(res.status) || res.status === 401 || res.status === 403) throw new RetryLater(why);
      throw new Error(why);
    }
    const { results } = res.json<{ results: { id: string; status: string; code?: string }[] }>();
    const now = this.clock.now().toISOString();
    // Not waited for on disk: were the marks lost, the receipts would go again and the hub answer duplicate.
    const { flushed } = await this.database.commit(async (trx) => {
      const passed: number[] = [];
      for (const [i, b] of batch.entries()) {
        const result = results[i];
        const refused = result?.status === 'refused' ? (result.code ?? 'receipt.invalid') : null;
        if (!refused) {
          passed.push(b.id);
        } else {
          await receiptStore.markSent(trx, [b.id], now, refused);
          const r = JSON.parse(b.receipt) as { messageId: string; kind: string };
          await this.audit.record(trx, NODE_ACTOR, { action: 'receipt.refused_by_hub', resourceType: 'message', resourceId: r.messageId, outcome: 'failure', details: { kind: r.kind, code: refused } });
        }
      }
      await receiptStore.markSent(trx, passed, now, null);
    });
    flushed.catch(() => undefined); // a later flush (before anything else leaves) reports a failing disk
    return batch.length === BATCH ? 'busy' : 'idle';
  }
}
