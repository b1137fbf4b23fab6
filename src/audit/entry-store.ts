import type { AuditVisibility } from '../access/policies.js';
import type { Executor } from '../storage/database.js';
import type { AuditEntryRow } from '../storage/schema.js';

export const auditEntryStore = {
  async list(
    db: Executor,
    visible: AuditVisibility,
    filter: { after?: number | undefined; limit: number; action?: string | undefined; resourceType?: string | undefined; resourceId?: string | undefined },
  ): Promise<AuditEntryRow[]> {
    let q = db.selectFrom('audit_entries').selectAll();
    if (!visible.all) {
      q = visible.country ? q.where('actor_country', '=', visible.country) : q.where('actor_org_id', '=', visible.orgId);
    }
    if (filter.after !== undefined) q = q.where('seq', '>', filter.after);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.resourceType) q = q.where('resource_type', '=', filter.resourceType);
    if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
    return q.orderBy('seq').limit(filter.limit).execute();
  },
};
