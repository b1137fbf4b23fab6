import type { Generated, Selectable } from 'kysely';

/**
 * The member node's own database (embedded SQLite, one file in its data
 * folder). Same conventions as the hub's schema: ISO-8601 UTC text times, 0/1
 * integers, JSON text lists, bytes for hashes. Nothing here holds a message in
 * clear: envelopes are kept as sealed, and a sent message's own copy is
 * encrypted under a key derived from the node's own encryption key
 * (outbox/own-copy.ts; older rows: an envelope sealed to that key).
 */
export interface NodeSchema {
  link_state: LinkStateTable;
  outbox: OutboxTable;
  inbox: InboxTable;
  inbox_refusals: InboxRefusalTable;
  receipts_out: ReceiptOutTable;
  receipts_in: ReceiptInTable;
  directory_orgs: DirectoryOrgTable;
  directory_audiences: DirectoryAudienceTable;
  users: NodeUserTable;
  sessions: NodeSessionTable;
  api_keys: NodeApiKeyTable;
  audit_log: NodeAuditTable;
  hub_cache: HubCacheTable;
}

/** One row (id = 1): where the link to the hub stands. */
export interface LinkStateTable {
  id: number;
  /** The last sequence number given to an envelope of this node. */
  last_seq: number;
  /** The hub's inbox cursor of the last item stored, as JSON (opaque to the node); null before the first. */
  inbox_cursor: string | null;
  updated_at: string;
}

export type OutboxState = 'awaiting_recipients' | 'queued' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  /** Null while the message waits for the hub to tell who its audience reaches. */
  seq: number | null;
  state: OutboxState;
  /** The sealed envelope as sent to the hub (JSON); null while awaiting recipients. */
  envelope: string | null;
  /** The same content encrypted for this node alone, so its sender can read it again (JSON: outbox/own-copy.ts, or an envelope sealed to the node in older rows). */
  own_copy: string;
  /** JSON list of recipient organisation ids; null while awaiting recipients. */
  recipients: string | null;
  audience: string;
  priority: string;
  handling: string;
  crime_areas: string;
  case_id: string | null;
  created_at: string;
  /** The local person or system that composed it. */
  created_by: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  failure_code: string | null;
  size: number;
}

export interface InboxTable {
  id: string;
  sender: string;
  /** The envelope exactly as received (JSON). */
  envelope: string;
  /** The sender's signing key the envelope verified with (base64url raw). */
  sender_key: string;
  priority: string;
  handling: string;
  crime_areas: string;
  case_id: string | null;
  created_at: string;
  received_at: string;
  read_at: string | null;
  read_by: string | null;
}

/** Envelopes that arrived and were refused: kept apart, so a forged copy cannot take a real message's id. */
export interface InboxRefusalTable {
  id: Generated<number>;
  message_id: string | null;
  sender: string | null;
  code: string;
  detail: string;
  envelope: string;
  received_at: string;
}

export type ReceiptKind = 'delivered' | 'read';

/** Receipts this node signed for messages it received, until the hub has taken them. */
export interface ReceiptOutTable {
  id: Generated<number>;
  message_id: string;
  kind: ReceiptKind;
  /** The signed receipt (JSON). */
  receipt: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  failure_code: string | null;
}

/** Receipts recipients signed for messages this node sent. */
export interface ReceiptInTable {
  message_id: string;
  recipient: string;
  kind: ReceiptKind;
  at: string;
  by: string | null;
  signature: string;
  received_at: string;
}

/** Organisations of the network and their message keys, as the hub's directory last told. */
export interface DirectoryOrgTable {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  signing_key: string;
  encryption_key: string;
  fetched_at: string;
}

/** Who an audience reached (canonical JSON of the audience → JSON list of ids). */
export interface DirectoryAudienceTable {
  audience: string;
  org_ids: string;
  fetched_at: string;
}

export interface NodeUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  status: 'active' | 'disabled';
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface NodeSessionTable {
  id: string;
  token_hash: Buffer;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

export interface NodeApiKeyTable {
  id: string;
  name: string;
  secret_hash: Buffer;
  permissions: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Append-only (triggers refuse updates and deletes). */
export interface NodeAuditTable {
  seq: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: string;
  details: string;
}

/** The last answer of the hub to a GET through the node, for reading while the hub is down. */
export interface HubCacheTable {
  key: string;
  status: number;
  content_type: string;
  body: Buffer;
  fetched_at: string;
}

export type OutboxRow = Selectable<OutboxTable>;
export type InboxRow = Selectable<InboxTable>;
export type NodeUserRow = Selectable<NodeUserTable>;
export type NodeApiKeyRow = Selectable<NodeApiKeyTable>;
export type DirectoryOrgRow = Selectable<DirectoryOrgTable>;
