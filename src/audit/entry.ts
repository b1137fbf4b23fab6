import type { Principal } from '../access/principal.js';
import { canonicalJson } from '../core/canonical-json.js';

/** Someone not yet authenticated (a failed login): still named, by where they came from. */
export interface AnonymousActor {
  kind: 'anonymous';
  id: string;
}

export type AuditActor = Principal | AnonymousActor;

export interface AuditEvent {
  /** `<resource>.<verb>`, e.g. `organisation.create`, `user.read`, `session.login_failed`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome?: 'success' | 'denied' | 'failure';
  /** What a reviewer needs to understand the action: the query, the changed fields. Never secrets. */
  details?: Record<string, unknown>;
}

/** The entry exactly as it is hashed into the log. */
export interface AuditEntry {
  seq: number;
  time: string;
  actor: { type: string; id: string; name?: string; org?: string; country?: string | null };
  action: string;
  resource: { type: string; id: string | null };
  outcome: 'success' | 'denied' | 'failure';
  details: Record<string, unknown>;
}

export function buildEntry(seq: number, time: string, actor: AuditActor | undefined | null, event: AuditEvent): AuditEntry {
  if (!actor || !actor.id) throw new Error(`audit: the action ${event.action} has no actor; every action must name who did it`);
  if (!event.action || !event.resourceType) throw new Error('audit: an entry needs an action and a resource type');
  const who =
    actor.kind === 'anonymous'
      ? { type: 'anonymous', id: actor.id }
      : { type: actor.kind, id: actor.id, name: actor.name, org: actor.orgId, country: actor.country };
  return {
    seq,
    time,
    actor: who,
    action: event.action,
    resource: { type: event.resourceType, id: event.resourceId ?? null },
    outcome: event.outcome ?? 'success',
    details: event.details ?? {},
  };
}

export function serialiseEntry(entry: AuditEntry): string {
  return canonicalJson(entry);
}
