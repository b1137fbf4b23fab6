import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The one schema, for SQLite and PostgreSQL alike. Portable column types only:
 * times are ISO-8601 UTC text, booleans are 0/1 integers, lists are JSON text,
 * hashes are bytes (blob / bytea).
 */
export interface Schema {
  organisations: OrganisationTable;
  database_access: DatabaseAccessTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_entries: AuditEntryTable;
  audit_nodes: AuditNodeTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  travel_documents: TravelDocumentTable;
  hits: HitTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  search_stats: SearchStatsTable;
  enrolment_tokens: EnrolmentTokenTable;
  node_certificates: NodeCertificateTable;
  projects: ProjectTable;
  project_members: ProjectMemberTable;
  node_links: NodeLinkTable;
  messages: MessageTable;
  message_queue: MessageQueueTable;
  message_receipts: MessageReceiptTable;
  persons: PersonTable;
  person_photos: PersonPhotoTable;
  notices: NoticeTable;
  notice_events: NoticeEventTable;
}

export interface OrganisationTable {
  id: string;
  kind: 'hub' | 'ncb' | 'agency' | 'partner';
  name: string;
  /** ISO 3166-1 alpha-2; null for the hub and for partner organisations. */
  country: string | null;
  parent_id: string | null;
  agency_type: string | null;
  status: 'pending' | 'connected' | 'suspended';
  /** The organisation that suspended it, while it is suspended. */
  suspended_by: string | null;
  last_seen_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DatabaseAccessTable {
  org_id: string;
  database: string;
  /** 'search', or 'write': search and keep records. */
  mode: string;
  granted_by: string;
  granted_at: string;
}

export interface UserTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  /** JSON array of role names. */
  roles: string;
  status: 'active' | 'disabled';
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTable {
  id: string;
  token_hash: Uint8Array;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ended_at: string | null;
  client_ip: string | null;
}

export interface ApiKeyTable {
  id: string;
  org_id: string;
  name: string;
  secret_hash: Uint8Array;
  /** JSON array of permissions. */
  permissions: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

export interface AuditEntryTable {
  seq: number;
  created_at: string;
  actor_type: string;
  actor_id: string;
  actor_org_id: string | null;
  actor_country: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  /** The canonical JSON of the whole entry: exactly the bytes that were hashed into the leaf. */
  entry: string;
  leaf_hash: Uint8Array;
}

export interface AuditNodeTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface AuditHeadTable {
  id: number;
  size: number;
  /** Hashes of the perfect subtrees making up the tree, largest first, concatenated. */
  frontier: Uint8Array;
  root: Uint8Array;
  updated_at: string;
}

export interface AuditCheckpointTable {
  size: number;
  root: Uint8Array;
  created_at: string;
  note: string;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type AuditEntryRow = Selectable<AuditEntryTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type { Generated };

export interface TravelDocumentTable {
  id: string;
  kind: 'single' | 'range';
  owner_org_id: string;
  owner_country: string;
  issuing_state: string;
  document_type: string;
  status: string;
  number: string | null;
  /** The number with OCR-confusable characters folded (see documents/ocr.ts). */
  ocr_key: string | null;
  range_prefix: string | null;
  range_first: number | null;
  range_last: number | null;
  range_digits: number | null;
  event_date: string | null;
  event_place: string | null;
  circumstances: string | null;
  holder_name: string | null;
  holder_birth_date: string | null;
  holder_nationality: string | null;
  issued_on: string | null;
  expires_on: string | null;
  review_date: string;
  visibility: 'all' | 'countries' | 'hub';
  /** JSON array of ISO alpha-2 codes, for visibility 'countries'. */
  visible_to: string;
  state: 'active' | 'cancelled';
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  cancelled_at: string | null;
}

export interface HitTable {
  id: string;
  database: string;
  record_id: string;
  owner_org_id: string;
  owner_country: string | null;
  searcher_type: string;
  searcher_id: string;
  searcher_name: string;
  searcher_org_id: string;
  searcher_country: string | null;
  location: string | null;
  query: string;
  match: string;
  /** 1 when the owner's restrictions hid the record: the searcher was told no hit. */
  concealed: number;
  case_id: string | null;
  created_at: string;
}

export interface CaseTable {
  id: string;
  hit_id: string;
  database: string;
  record_id: string;
  owner_ncb_id: string;
  searcher_ncb_id: string;
  priority: 'routine' | 'urgent';
  status: 'new' | 'acknowledged' | 'confirmed' | 'false_positive' | 'closed';
  deadline_at: string;
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface CaseEventTable {
  case_id: string;
  seq: number;
  at: string;
  actor_id: string;
  actor_org_id: string;
  status_from: string | null;
  status_to: string;
  note: string | null;
}

export interface SearchStatsTable {
  database: string;
  country: string;
  day: string;
  searches: number;
  hits: number;
}

export interface EnrolmentTokenTable {
  id: string;
  org_id: string;
  secret_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_for_serial: string | null;
}

export interface NodeCertificateTable {
  serial: string;
  org_id: string;
  fingerprint: string;
  certificate: string;
  /** The node's Ed25519 and X25519 public keys, base64url of the raw 32 bytes. */
  signing_key: string;
  encryption_key: string;
  not_before: string;
  not_after: string;
  issued_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface ProjectTable {
  id: string;
  name: string;
  description: string | null;
  created_by: string;
  created_at: string;
}

export interface ProjectMemberTable {
  project_id: string;
  org_id: string;
}

export interface NodeLinkTable {
  org_id: string;
  last_seq: number;
  acked_cursor: number;
}

export interface MessageTable {
  id: string;
  sender_org_id: string;
  seq: number;
  digest: string;
  priority: string;
  case_id: string | null;
  /** JSON array of organisation ids. */
  recipients: string;
  size: number;
  /** The envelope exactly as the sender's node sent it: ciphertext, wrapped keys, signature. */
  envelope: string;
  created_at: string;
  received_at: string;
}

export interface MessageQueueTable {
  cursor: Generated<number>;
  org_id: string;
  kind: 'message' | 'receipt';
  message_id: string;
  receipt: string | null;
  created_at: string;
}

export interface MessageReceiptTable {
  message_id: string;
  recipient_org_id: string;
  kind: 'delivered' | 'read';
  at: string;
  by: string | null;
  signature: string;
  received_at: string;
}

export type TravelDocumentRow = Selectable<TravelDocumentTable>;
export type HitRow = Selectable<HitTable>;
export type CaseRow = Selectable<CaseTable>;

/** A person: nominal data as the owner country entered it (see persons/schema.ts for the fields' shapes). */
export interface PersonTable {
  /** The name index's integer key for the person (the index holds integers, not text ids). */
  seq: Generated<number>;
  id: string;
  owner_org_id: string;
  owner_country: string;
  /** JSON array of { kind, family, given, patronymic }: the primary name first. */
  names: string;
  /** "1952-10-07", "1952-10", "1952" or "1970/1975-06"; null when unknown. */
  birth_date: string | null;
  /** The first and last day the birth date allows (YYYY-MM-DD). */
  birth_from: string | null;
  birth_to: string | null;
  sex: string | null;
  birth_place: string | null;
  birth_country: string | null;
  /** JSON arrays: ICAO 9303 nationality codes; { issuingState, number, documentType }; marks; ISO 639 codes. */
  nationalities: string;
  documents: string;
  marks: string;
  languages: string;
  photo_type: string | null;
  photo_size: number | null;
  /** Hex SHA-256 of the photograph's bytes. */
  photo_sha256: string | null;
  photo_updated_at: string | null;
  /** The score from which a screening candidate is a hit for the owner. */
  hit_threshold: number;
  review_date: string;
  visibility: 'all' | 'countries' | 'hub';
  visible_to: string;
  state: 'active' | 'cancelled';
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  cancelled_at: string | null;
  /** The owner's own reference (case or file number), unique per owner country; null for records entered through the API. */
  reference: string | null;
  /** Hex digest of what a bulk import was given under `reference` (persons/import/): tells a re-run from a clash. */
  import_digest: string | null;
}

export interface PersonPhotoTable {
  person_id: string;
  content_type: string;
  data: Uint8Array;
  sha256: Uint8Array;
  size: number;
  uploaded_at: string;
  uploaded_by: string;
}

/** A notice (reviewed by the hub, then published to all) or a diffusion (straight to the countries it names). */
export interface NoticeTable {
  id: string;
  person_id: string;
  kind: 'notice' | 'diffusion';
  type: string;
  status: 'requested' | 'under_review' | 'published' | 'refused' | 'cancelled' | 'expired';
  summary: string;
  /** JSON array of ISO alpha-2 codes a diffusion goes to; [] for a notice. */
  countries: string;
  requester_org_id: string;
  requester_country: string;
  refusal_reason: string | null;
  review_date: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  published_at: string | null;
  closed_at: string | null;
}

export interface NoticeEventTable {
  notice_id: string;
  seq: number;
  at: string;
  actor_id: string;
  actor_org_id: string;
  status_from: string | null;
  status_to: string;
  note: string | null;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type NoticeRow = Selectable<NoticeTable>;
