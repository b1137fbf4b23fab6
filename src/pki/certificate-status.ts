import type { EventBus } from '../bus/bus.js';
import { AppError } from '../core/errors.js';
import type { Database } from '../storage/database.js';
import { certificateStore } from './store.js';

/** Serials are compared as lowercase hex without leading zeros, however a library prints them. */
export function normaliseSerial(serial: string): string {
  return serial.toLowerCase().replace(/^0+(?=.)/, '');
}

export const PKI_CHANGED_TOPIC = 'pki.changed';

export interface PkiChange {
  issued?: { serial: string; orgId: string };
  revoked?: string;
}

/**
 * Every node certificate the hub issued, and whether it is revoked, kept in
 * memory and checked on every request: a revocation takes effect at once,
 * also on connections opened before it, and in every hub process (bus).
 */
export class CertificateStatus {
  private issued = new Map<string, { orgId: string; revoked: boolean }>();
  private unsubscribe: (() => void) | undefined;

  private constructor(private readonly database: Database) {}

  static async load(database: Database, bus: EventBus): Promise<CertificateStatus> {
    const status = new CertificateStatus(database);
    await status.reload();
    status.unsubscribe = bus.subscribe(PKI_CHANGED_TOPIC, (_topic, payload) => status.apply(payload as PkiChange));
    return status;
  }

  /** Applied at once (a revocation must not wait for a reload), then confirmed from the database. */
  private apply(change: PkiChange): void {
    if (change.revoked) {
      const entry = this.issued.get(change.revoked);
      if (entry) entry.revoked = true;
    }
    if (change.issued) this.issued.set(change.issued.serial, { orgId: change.issued.orgId, revoked: false });
    void this.reload().catch(() => undefined);
  }

  async reload(): Promise<void> {
    const rows = await certificateStore.all(this.database.db);
    this.issued = new Map(rows.map((r) => [r.serial, { orgId: r.org_id, revoked: r.revoked_at !== null }]));
  }

  /** The organisation a certificate serial belongs to; refused when revoked or never issued here. */
  async organisationOf(serial: string): Promise<string> {
    let entry = this.issued.get(serial);
    // Issued by another hub process a moment ago, before its announcement arrived.
    if (!entry) {
      await this.reload();
      entry = this.issued.get(serial);
    }
    if (!entry) throw new AppError('node.certificate_untrusted', 'this certificate is not on the hub\'s register of issued certificates');
    if (entry.revoked) throw new AppError('node.certificate_revoked');
    return entry.orgId;
  }

  close(): void {
    this.unsubscribe?.();
  }
}
