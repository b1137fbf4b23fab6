import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { rawPublicKey } from '../../crypto/node-keys.js';
import { openEnvelope, sealEnvelope, type Audience, type Envelope, type HandlingCode, type MessageContent, type Priority, type RoutingHeader } from '../../messaging/envelope.js';
import { NODE_ACTOR, type Actor, type LocalAudit } from '../audit/local-audit.js';
import type { Directory, DirectoryOrg } from '../directory/directory.js';
import { NodeError } from '../errors.js';
import type { NodeIdentity } from '../files.js';
import { HubUnreachable } from '../link/hub-client.js';
import { linkStateStore } from '../link/state-store.js';
import type { NodeDatabase } from '../storage/open.js';
import type { OutboxRow } from '../storage/schema.js';
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

/**
 * Writes messages into the outbox. The content is sealed at once: to the
 * recipients the hub's directory names (with the node's next sequence number,
 * taken in the same transaction that stores the envelope), and to the node's
 * own key, for its own reading. When the hub cannot say who the audience
 * reaches and the node has no earlier answer, the message waits in the outbox
 * sealed only to the node itself, and is sealed for its recipients once the
 * hub answers (promoteWaiting). Nothing is ever stored in clear.
 */
export class Composer {
  private readonly ownKey: ReadonlyMap<string, string>;

  constructor(
    private readonly database: NodeDatabase,
    private readonly directory: Directory,
    private readonly identity: NodeIdentity,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
    /** False while the hub is known to be unreachable: composing then does not wait on it. */
    private readonly hubReachable: () => boolean = () => true,
  ) {
    this.ownKey = new Map([[identity.orgId, rawPublicKey(identity.keys.encryption.publicKey)]]);
  }

  async compose(actor: Actor, input: ComposeInput): Promise<Composed> {
    const now = this.clock.now();
    const id = newId('msg', now.getTime());
    const createdAt = now.toISOString();
    const base = { id, createdAt, input };
    const ownCopy = await this.sealOwnCopy(id, createdAt, input);
    // While the hub is known to be down, a compose does not wait for its timeout: the node's copy, or the outbox.
    const resolved = await this.directory.resolve(input.audience, { askHub: this.hubReachable() });
    const recipients = resolved ? this.recipientsOf(resolved.organisations) : null;

    return this.database.transaction(async (trx) => {
      const row = {
        id, seq: null, state: 'awaiting_recipients' as const, envelope: null, own_copy: JSON.stringify(ownCopy), recipients: null,
        audience: JSON.stringify(input.audience), priority: input.priority, handling: JSON.stringify(input.handling),
        crime_areas: JSON.stringify(input.crimeAreas), case_id: input.caseId, created_at: createdAt, created_by: actor.name,
        attempts: 0, next_attempt_at: null, last_error: null, sent_at: null, failure_code: null, size: 0,
      };
      let composed: Composed = { id, state: 'awaiting_recipients', seq: null, recipients: null, unreachable: [], createdAt };
      if (recipients) {
        const seq = await linkStateStore.takeSeq(trx, createdAt);
        const envelope = await this.seal(base, seq, recipients);
        const text = JSON.stringify(envelope);
        await outboxStore.insert(trx, { ...row, state: 'queued', seq, envelope: text, recipients: JSON.stringify(envelope.recipients), size: text.length });
        composed = { id, state: 'queued', seq, recipients: envelope.recipients, unreachable: resolved?.unreachable ?? [], createdAt };
      } else {
        await outboxStore.insert(trx, row);
      }
      await this.audit.record(trx, actor, {
        action: 'message.compose', resourceType: 'message', resourceId: id,
        details: {
          state: composed.state, seq: composed.seq, audience: input.audience, recipients: composed.recipients, priority: input.priority,
          handling: input.handling.code, crimeAreas: input.crimeAreas, caseId: input.caseId, attachments: input.content.attachments.length,
          ...(resolved?.stale ? { directory: 'stale copy (hub unreachable)' } : {}),
        },
      });
      return composed;
    });
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
      await this.database.transaction(async (trx) => {
        const seq = await linkStateStore.takeSeq(trx, this.clock.now().toISOString());
        const envelope = await this.seal({ id: row.id, createdAt: row.created_at, input }, seq, recipients);
        const text = JSON.stringify(envelope);
        await outboxStore.sealed(trx, row.id, { seq, envelope: text, recipients: envelope.recipients, size: text.length });
        await this.audit.record(trx, NODE_ACTOR, { action: 'message.seal', resourceType: 'message', resourceId: row.id, details: { seq, recipients: envelope.recipients, unreachable: resolved.unreachable } });
      });
      promoted += 1;
    }
    return promoted;
  }

  /** Opens the node's own copy of a message it sent. */
  async openOwnCopy(row: Pick<OutboxRow, 'own_copy'>): Promise<MessageContent> {
    return openEnvelope(JSON.parse(row.own_copy) as Envelope, { orgId: this.identity.orgId, encryptionPrivateKey: this.identity.keys.encryption.privateKey }, this.identity.keys.signing.publicKey);
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

  /** The content sealed to this node alone, under the same id; sequence 0, never sent. */
  private sealOwnCopy(id: string, createdAt: string, input: ComposeInput): Promise<Envelope> {
    const self = this.identity.orgId;
    const header = this.header(id, createdAt, 0, [self], { kind: 'agencies', ids: [self] }, input);
    return sealEnvelope(header, input.content, this.identity.keys.signing.privateKey, this.ownKey);
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
