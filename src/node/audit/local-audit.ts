import type { Clock } from '../../core/clock.js';
import type { NodeExecutor } from '../storage/open.js';

/** Who acted at the node: a local person, a local system's API key, or the node itself. */
export interface Actor {
  kind: 'user' | 'api_key' | 'node' | 'anonymous';
  id: string;
  name: string;
}

export interface LocalAuditEvent {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

export interface LocalAuditEntry {
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

/** Audit rows per insert statement (9 columns each, well within SQLite's limit on bound values). */
const AUDIT_ROWS_PER_INSERT = 100;

export const NODE_ACTOR: Actor = { kind: 'node', id: 'node', name: 'node' };

/**
 * The node's own audit trail: one row per action, in the same transaction as
 * the action, never changed or removed (the database refuses). The hub's
 * Merkle log records what reaches the hub; this records what happens at the node.
 */
export class LocalAudit {
  constructor(private readonly clock: Clock) {}

  async record(trx: NodeExecutor, actor: Actor, event: LocalAuditEvent): Promise<void> {
    await trx.insertInto('audit_log').values(this.row(this.clock.now().toISOString(), actor, event)).execute();
  }

  /** Several entries in one statement (a batch's), in order. */
  async recordMany(trx: NodeExecutor, entries: readonly { actor: Actor; event: LocalAuditEvent }[]): Promise<void> {
    const at = this.clock.now().toISOString();
    for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_INSERT) {
      await trx.insertInto('audit_log').values(entries.slice(i, i + AUDIT_ROWS_PER_INSERT).map((e) => this.row(at, e.actor, e.event))).execute();
    }
  }

  private row(at: string, actor: Actor, event: LocalAuditEvent) {
    return {
      at,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      action: event.action,
      resource_type: event.resourceType,
      resource_id: event.resourceId ?? null,
      outcome: event.outcome ?? 'success',
      details: JSON.stringify(event.details ?? {}),
    };
  }

  async list(db: NodeExecutor, options: { after?: number | undefined; limit: number; action?: string | undefined }): Promise<LocalAuditEntry[]> {
    let q = db.selectFrom('audit_log').selectAll();
    if (options.after !== undefined) q = q.where('seq', '>', options.after);
    if (options.action !== undefined) q = q.where('action', '=', options.action);
    const rows = await q.orderBy('seq').limit(options.limit).execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: { kind: r.actor_kind as Actor['kind'], id: r.actor_id, name: r.actor_name },
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      outcome: r.outcome,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }
}
