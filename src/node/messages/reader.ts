import type { Clock } from '../../core/clock.js';
import { openEnvelope, type Audience, type Envelope, type MessageContent } from '../../messaging/envelope.js';
import { signReceipt } from '../../messaging/receipt.js';
import type { NodePrincipal } from '../accounts/principal.js';
import type { LocalAudit } from '../audit/local-audit.js';
import type { Directory } from '../directory/directory.js';
import { NodeError } from '../errors.js';
import type { NodeIdentity } from '../files.js';
import { inboxStore } from '../inbox/store.js';
import type { Composer } from '../outbox/composer.js';
import { outboxStore } from '../outbox/store.js';
import { receiptStore } from '../receipts/store.js';
import type { NodeDatabase } from '../storage/open.js';
import type { InboxRow, OutboxRow, OutboxState } from '../storage/schema.js';

export interface OrgRef {
  id: string;
  name: string | null;
}

interface Routing {
  id: string;
  priority: string;
  handling: { code: string; restriction?: string };
  crimeAreas: string[];
  caseId: string | null;
  createdAt: string;
  subject: string | null;
}

export interface InboxItem extends Routing {
  sender: OrgRef;
  receivedAt: string;
  readAt: string | null;
  readBy: string | null;
}

export interface RecipientState extends OrgRef {
  deliveredAt: string | null;
  readAt: string | null;
  readBy: string | null;
}

export interface OutboxItem extends Routing {
  seq: number | null;
  state: OutboxState;
  failureCode: string | null;
  lastError: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdBy: string;
  audience: Audience;
  recipients: RecipientState[];
}

export interface AttachmentView {
  name: string;
  contentType: string;
  size: number;
  /** base64 */
  data: string;
}

export type MessageView =
  | ({ direction: 'in'; body: string; attachments: AttachmentView[] } & InboxItem & { subject: string })
  | ({ direction: 'out'; body: string; attachments: AttachmentView[] } & OutboxItem & { subject: string });

/**
 * Reading the node's messages: decrypted on each reading, never stored in
 * clear. A message received is opened with this node's key and verified
 * again with the sender's key it was accepted with; a message sent is read
 * from the node's own sealed copy. The first reading by a person sends the
 * sender a signed read receipt. Every reading is audited.
 */
export class MessageReader {
  constructor(
    private readonly database: NodeDatabase,
    private readonly directory: Directory,
    private readonly identity: NodeIdentity,
    private readonly composer: Composer,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
    private readonly onReadReceipt: () => void,
  ) {}

  async inbox(p: NodePrincipal, options: { limit: number; before?: string | undefined; unread?: boolean | undefined; caseId?: string | undefined }): Promise<InboxItem[]> {
    const rows = await inboxStore.list(this.database.db, options);
    const names = await this.names(rows.map((r) => r.sender));
    const items = await Promise.all(rows.map(async (r) => this.inboxItem(r, names, (await this.openReceived(r).catch(() => null))?.subject ?? null)));
    await this.database.transaction((trx) => this.audit.record(trx, p, { action: 'inbox.list', resourceType: 'inbox', details: { returned: items.length } }));
    return items;
  }

  async outbox(p: NodePrincipal, options: { limit: number; before?: string | undefined; state?: OutboxState | undefined }): Promise<OutboxItem[]> {
    const rows = await outboxStore.list(this.database.db, options);
    const items = await this.outboxItems(rows, true);
    await this.database.transaction((trx) => this.audit.record(trx, p, { action: 'outbox.list', resourceType: 'outbox', details: { returned: items.length } }));
    return items;
  }

  /** One message, decrypted; the first reading of a received message by a person sends a read receipt. */
  async read(p: NodePrincipal, id: string): Promise<MessageView> {
    const db = this.database.db;
    const received = await inboxStore.get(db, id);
    if (received) {
      const content = await this.openReceived(received);
      const now = this.clock.now().toISOString();
      const firstReading = await this.database.transaction(async (trx) => {
        const first = p.kind === 'user' && (await inboxStore.markRead(trx, id, now, p.name));
        if (first) await receiptStore.queue(trx, signReceipt({ messageId: id, recipient: this.identity.orgId, kind: 'read', at: now, by: p.name }, this.identity.keys.signing.privateKey), now);
        await this.audit.record(trx, p, { action: 'message.open', resourceType: 'message', resourceId: id, details: { direction: 'in', sender: received.sender, firstReading: first } });
        return first;
      });
      if (firstReading) this.onReadReceipt();
      const row = firstReading ? { ...received, read_at: now, read_by: p.name } : received;
      const item = this.inboxItem(row, await this.names([row.sender]), content.subject);
      return { ...item, direction: 'in', subject: content.subject, body: content.body, attachments: attachmentsOf(content) };
    }
    const sent = await outboxStore.get(db, id);
    if (!sent) {
      const refusal = await db.selectFrom('inbox_refusals').select(['code', 'detail']).where('message_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
      await this.database.transaction((trx) => this.audit.record(trx, p, { action: 'message.open', resourceType: 'message', resourceId: id, outcome: 'failure', details: { why: refusal ? `refused on arrival: ${refusal.code}` : 'not found' } }));
      if (refusal) throw new NodeError('message.refused', `the message ${id} was refused when it arrived (${refusal.code}: ${refusal.detail})`);
      throw new NodeError('message.not_found', `this node holds no message ${id}`);
    }
    const content = await this.composer.openOwnCopy(sent);
    await this.database.transaction((trx) => this.audit.record(trx, p, { action: 'message.open', resourceType: 'message', resourceId: id, details: { direction: 'out' } }));
    const [item] = await this.outboxItems([sent], false);
    return { ...(item as OutboxItem), direction: 'out', subject: content.subject, body: content.body, attachments: attachmentsOf(content) };
  }

  private async openReceived(row: InboxRow): Promise<MessageContent> {
    return openEnvelope(JSON.parse(row.envelope) as Envelope, { orgId: this.identity.orgId, encryptionPrivateKey: this.identity.keys.encryption.privateKey }, this.directory.signingKey(row.sender_key));
  }

  private inboxItem(r: InboxRow, names: Map<string, string>, subject: string | null): InboxItem {
    return {
      id: r.id,
      sender: { id: r.sender, name: names.get(r.sender) ?? null },
      priority: r.priority,
      handling: JSON.parse(r.handling) as InboxItem['handling'],
      crimeAreas: JSON.parse(r.crime_areas) as string[],
      caseId: r.case_id,
      createdAt: r.created_at,
      receivedAt: r.received_at,
      readAt: r.read_at,
      readBy: r.read_by,
      subject,
    };
  }

  private async outboxItems(rows: OutboxRow[], withSubjects: boolean): Promise<OutboxItem[]> {
    const receipts = await receiptStore.ofMessages(this.database.db, rows.map((r) => r.id));
    const recipientsOf = (r: OutboxRow) => (r.recipients === null ? [] : (JSON.parse(r.recipients) as string[]));
    const names = await this.names(rows.flatMap(recipientsOf));
    return Promise.all(rows.map(async (r): Promise<OutboxItem> => ({
      id: r.id,
      seq: r.seq,
      state: r.state,
      failureCode: r.failure_code,
      lastError: r.last_error,
      attempts: r.attempts,
      nextAttemptAt: r.state === 'queued' ? r.next_attempt_at : null,
      sentAt: r.sent_at,
      createdBy: r.created_by,
      audience: JSON.parse(r.audience) as Audience,
      priority: r.priority,
      handling: JSON.parse(r.handling) as OutboxItem['handling'],
      crimeAreas: JSON.parse(r.crime_areas) as string[],
      caseId: r.case_id,
      createdAt: r.created_at,
      subject: withSubjects ? ((await this.composer.openOwnCopy(r).catch(() => null))?.subject ?? null) : null,
      recipients: recipientsOf(r).map((id) => {
        const mine = receipts.filter((x) => x.message_id === r.id && x.recipient === id);
        const read = mine.find((x) => x.kind === 'read');
        return { id, name: names.get(id) ?? null, deliveredAt: mine.find((x) => x.kind === 'delivered')?.at ?? null, readAt: read?.at ?? null, readBy: read?.by ?? null };
      }),
    })));
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.database.db.selectFrom('directory_orgs').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function attachmentsOf(content: MessageContent): AttachmentView[] {
  return content.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.data.byteLength, data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).toString('base64') }));
}
