import { randomBytes } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Principal } from '../access/principal.js';
import { base32, newId } from '../core/ids.js';
import type { Dialect, Executor } from '../storage/database.js';
import type { NewPerson, NoticeRow, PersonRow } from '../storage/schema.js';
import { effectiveStatus } from './notice-rules.js';
import type { Notice, NoticeEvent, NoticeStatus, Person, Sex, StoredDocument, StoredName } from './schema.js';
import type { PersonInput } from './validate.js';

const list = <T>(json: string): T[] => JSON.parse(json) as T[];

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The identity particulars every reader of a person sees. */
export function presentParticulars(row: PersonRow) {
  return {
    id: row.id,
    ownerCountry: row.owner_country,
    names: list<StoredName>(row.names),
    birthDate: row.birth_date,
    placeOfBirth: { place: row.birth_place, country: row.birth_country },
    sex: row.sex as Sex | null,
    nationalities: list<string>(row.nationalities),
    documents: list<StoredDocument>(row.documents),
    distinguishingMarks: list<string>(row.marks),
    languages: list<string>(row.languages),
    photo: row.photo_sha256 !== null && row.photo_type !== null && row.photo_size !== null && row.photo_updated_at !== null
      ? { contentType: row.photo_type, size: row.photo_size, sha256: row.photo_sha256, uploadedAt: row.photo_updated_at }
      : null,
  };
}

export function presentPerson(row: PersonRow): Person {
  return {
    ...presentParticulars(row),
    ownerOrgId: row.owner_org_id,
    hitThreshold: row.hit_threshold,
    reviewDate: row.review_date,
    restriction: { visibility: row.visibility, countries: list<string>(row.visible_to) },
    state: row.state,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    cancelledAt: row.cancelled_at,
  };
}

/** The columns a checked input sets (all of them for a new record; those given for a change). */
export function columnsOf(input: Partial<PersonInput>): Partial<NewPerson> {
  const c: Partial<NewPerson> = {};
  if (input.names !== undefined) c.names = JSON.stringify(input.names);
  if (input.birth !== undefined) Object.assign(c, { birth_date: input.birth?.text ?? null, birth_from: input.birth?.from ?? null, birth_to: input.birth?.to ?? null });
  if (input.sex !== undefined) c.sex = input.sex;
  if (input.birthPlace !== undefined) c.birth_place = input.birthPlace;
  if (input.birthCountry !== undefined) c.birth_country = input.birthCountry;
  if (input.nationalities !== undefined) c.nationalities = JSON.stringify(input.nationalities);
  if (input.documents !== undefined) c.documents = JSON.stringify(input.documents);
  if (input.marks !== undefined) c.marks = JSON.stringify(input.marks);
  if (input.languages !== undefined) c.languages = JSON.stringify(input.languages);
  if (input.hitThreshold !== undefined) c.hit_threshold = input.hitThreshold;
  if (input.reviewDate !== undefined) c.review_date = input.reviewDate;
  if (input.visibility !== undefined) Object.assign(c, { visibility: input.visibility, visible_to: JSON.stringify(input.visibleTo ?? []) });
  return c;
}

/** A new record's row. Every column written out (not columnsOf's partial object): a bulk import makes millions. */
export function newPersonRow(input: PersonInput, owner: { orgId: string; country: string }, actorId: string, now: string, id = newId('per')): NewPerson {
  return {
    id,
    owner_org_id: owner.orgId,
    owner_country: owner.country,
    names: JSON.stringify(input.names),
    birth_date: input.birth?.text ?? null,
    birth_from: input.birth?.from ?? null,
    birth_to: input.birth?.to ?? null,
    sex: input.sex,
    birth_place: input.birthPlace,
    birth_country: input.birthCountry,
    nationalities: JSON.stringify(input.nationalities),
    documents: JSON.stringify(input.documents),
    marks: JSON.stringify(input.marks),
    languages: JSON.stringify(input.languages),
    photo_type: null,
    photo_size: null,
    photo_sha256: null,
    photo_updated_at: null,
    hit_threshold: input.hitThreshold,
    review_date: input.reviewDate,
    visibility: input.visibility,
    visible_to: JSON.stringify(input.visibleTo),
    state: 'active',
    version: 1,
    created_at: now,
    created_by: actorId,
    updated_at: now,
    updated_by: actorId,
    cancelled_at: null,
    reference: null,
    import_digest: null,
  };
}

/** `count` person ids as newId makes them (time first, then 80 random bits), from one draw of random bytes. */
export function newPersonIds(count: number, now = Date.now()): string[] {
  const random = randomBytes(count * 16);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = random.subarray(i * 16, i * 16 + 16);
    bytes.writeUIntBE(now, 0, 6);
    ids.push(`per_${base32(bytes)}`);
  }
  return ids;
}

const INSERT_COLUMNS = [
  'id', 'owner_org_id', 'owner_country', 'names', 'birth_date', 'birth_from', 'birth_to', 'sex', 'birth_place', 'birth_country',
  'nationalities', 'documents', 'marks', 'languages', 'photo_type', 'photo_size', 'photo_sha256', 'photo_updated_at', 'hit_threshold',
  'review_date', 'visibility', 'visible_to', 'state', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'cancelled_at',
  'reference', 'import_digest',
] as const satisfies readonly (keyof NewPerson)[];
// Fails to compile if a column is added to the table and not here.
const _everyColumn: [Exclude<keyof NewPerson, (typeof INSERT_COLUMNS)[number] | 'seq'>] extends [never] ? true : never = true;

/** Rows per INSERT: 500 × 31 parameters stays under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;
const insertTexts = new Map<string, string>();

/**
 * The multi-row INSERT for `rows` rows, built once per size and dialect:
 * compiling each insert through Kysely's builder cost more than the insert
 * (a quarter of the API path's import time), and the same text lets SQLite
 * reuse its prepared statement (storage/sqlite.ts).
 */
function insertText(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const width = INSERT_COLUMNS.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) tuples.push(`(${INSERT_COLUMNS.map((_c, i) => (dialect === 'postgres' ? `$${r * width + i + 1}` : '?')).join(',')})`);
    text = `insert into persons (${INSERT_COLUMNS.join(', ')}) values ${tuples.join(',')} returning id, seq`;
    insertTexts.set(key, text);
  }
  return text;
}

export const personStore = {
  /** Inserts a record; answers it with its index key. */
  async insert(db: Executor, row: NewPerson): Promise<PersonRow> {
    const { seq } = await db.insertInto('persons').values(row).returning('seq').executeTakeFirstOrThrow();
    return { ...(row as Omit<PersonRow, 'seq'>), seq: Number(seq) };
  },

  /**
   * Inserts many records in multi-row statements; answers each with its
   * index key, in the order given. All or nothing only inside the caller's
   * transaction.
   */
  async insertMany(db: Executor, dialect: Dialect, rows: readonly NewPerson[]): Promise<PersonRow[]> {
    const out: PersonRow[] = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      for (const row of chunk) for (const column of INSERT_COLUMNS) parameters.push(row[column] ?? null);
      const result = await db.executeQuery<{ id: string; seq: number | string }>(CompiledQuery.raw(insertText(dialect, chunk.length), parameters));
      // Neither database promises RETURNING in VALUES order: match by id.
      const seqs = new Map(result.rows.map((r) => [r.id, Number(r.seq)]));
      for (const row of chunk) {
        const seq = seqs.get(row.id);
        if (seq === undefined) throw new Error(`the insert of person ${row.id} returned no index key`);
        out.push({ ...(row as Omit<PersonRow, 'seq'>), seq });
      }
    }
    return out;
  },

  /** The records holding these references (owner country → references): a bulk import's duplicates. */
  async byReference(db: Executor, wanted: ReadonlyMap<string, readonly string[]>): Promise<Pick<PersonRow, 'id' | 'owner_country' | 'reference' | 'import_digest'>[]> {
    const out: Pick<PersonRow, 'id' | 'owner_country' | 'reference' | 'import_digest'>[] = [];
    const pairs = [...wanted].flatMap(([country, refs]) => refs.map((ref) => [country, ref] as const));
    for (const part of chunks(pairs, 5000)) {
      const byCountry = new Map<string, string[]>();
      for (const [country, ref] of part) {
        const refs = byCountry.get(country) ?? [];
        refs.push(ref);
        byCountry.set(country, refs);
      }
      // Each disjunct names the owner country and its references: a lookup in persons_by_reference.
      out.push(...await db.selectFrom('persons').select(['id', 'owner_country', 'reference', 'import_digest'])
        .where((eb) => eb.or([...byCountry].map(([country, refs]) => eb.and([eb('owner_country', '=', country), eb('reference', 'in', refs)]))))
        .execute());
    }
    return out;
  },

  async get(db: Executor, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Active records by index key: the candidates of a screening. */
  async activeBySeq(db: Executor, seqs: readonly number[]): Promise<PersonRow[]> {
    if (seqs.length === 0) return [];
    return db.selectFrom('persons').selectAll().where('seq', 'in', seqs).where('state', '=', 'active').execute();
  },

  async list(db: Executor, filter: { ownerCountry?: string | undefined; state?: 'active' | 'cancelled' | undefined; after?: string | undefined; limit: number }): Promise<PersonRow[]> {
    let q = db.selectFrom('persons').selectAll();
    if (filter.ownerCountry) q = q.where('owner_country', '=', filter.ownerCountry);
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.after) q = q.where('id', '>', filter.after);
    return q.orderBy('id').limit(filter.limit).execute();
  },

  /** Updates if the record is still at `version`; answers false when someone changed it first. */
  async update(db: Executor, row: PersonRow, changes: Partial<NewPerson>, actor: Principal, now: string): Promise<boolean> {
    const result = await db
      .updateTable('persons')
      .set({ ...changes, version: row.version + 1, updated_at: now, updated_by: actor.id })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Every active record, a page at a time, in index-key order: to build the name index. */
  async *active(db: Executor, pageSize = 20_000): AsyncGenerator<Pick<PersonRow, 'seq' | 'names' | 'birth_date' | 'sex' | 'nationalities'>[]> {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('persons')
        .select(['seq', 'names', 'birth_date', 'sex', 'nationalities'])
        .where('state', '=', 'active')
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]?.seq ?? after);
      yield rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    }
  },

  async putPhoto(db: Executor, photo: { personId: string; contentType: string; data: Uint8Array; sha256: Uint8Array; uploadedAt: string; uploadedBy: string }): Promise<void> {
    const values = { content_type: photo.contentType, data: photo.data, sha256: photo.sha256, size: photo.data.length, uploaded_at: photo.uploadedAt, uploaded_by: photo.uploadedBy };
    await db.insertInto('person_photos').values({ person_id: photo.personId, ...values }).onConflict((oc) => oc.column('person_id').doUpdateSet(values)).execute();
  },

  async getPhoto(db: Executor, personId: string): Promise<{ content_type: string; data: Uint8Array; sha256: Uint8Array } | undefined> {
    return db.selectFrom('person_photos').select(['content_type', 'data', 'sha256']).where('person_id', '=', personId).executeTakeFirst();
  },

  async deletePhoto(db: Executor, personId: string): Promise<void> {
    await db.deleteFrom('person_photos').where('person_id', '=', personId).execute();
  },
};

// ------------------------------------------------------------------ notices

export function presentNotice(row: NoticeRow, today: string, events?: NoticeEvent[]): Notice {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    type: row.type as Notice['type'],
    status: effectiveStatus(row, today),
    summary: row.summary,
    countries: list<string>(row.countries),
    requester: { orgId: row.requester_org_id, country: row.requester_country },
    refusalReason: row.refusal_reason,
    reviewDate: row.review_date,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    closedAt: row.closed_at,
    ...(events ? { events } : {}),
  };
}

export type NoticeVisibility = { all: true } | { all: false; country: string };

export const noticeStore = {
  async insert(db: Executor, row: NoticeRow, actor: { id: string; orgId: string }): Promise<void> {
    await db.insertInto('notices').values(row).execute();
    await db.insertInto('notice_events').values({ notice_id: row.id, seq: 1, at: row.created_at, actor_id: actor.id, actor_org_id: actor.orgId, status_from: null, status_to: row.status, note: null }).execute();
  },

  async get(db: Executor, id: string): Promise<NoticeRow | undefined> {
    return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async ofPerson(db: Executor, personId: string): Promise<NoticeRow[]> {
    return db.selectFrom('notices').selectAll().where('person_id', '=', personId).orderBy('id').execute();
  },

  /** The notices and diffusions in force for these persons: published, before their review date. */
  async inForce(db: Executor, personIds: readonly string[], today: string): Promise<NoticeRow[]> {
    if (personIds.length === 0) return [];
    return db.selectFrom('notices').selectAll().where('person_id', 'in', personIds).where('status', '=', 'published').where('review_date', '>', today).orderBy('id').execute();
  },

  /** Open notices whose review date has come: to be recorded as expired. */
  async due(db: Executor, today: string, personId?: string): Promise<NoticeRow[]> {
    let q = db.selectFrom('notices').selectAll().where('status', 'in', ['requested', 'under_review', 'published']).where('review_date', '<=', today);
    if (personId) q = q.where('person_id', '=', personId);
    return q.orderBy('id').limit(1000).execute();
  },

  async list(db: Executor, visible: NoticeVisibility, filter: { status?: NoticeStatus | undefined; kind?: string | undefined; personId?: string | undefined; after?: string | undefined; limit: number }): Promise<NoticeRow[]> {
    let q = db.selectFrom('notices').selectAll();
    if (!visible.all) q = q.where('requester_country', '=', visible.country);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind as NoticeRow['kind']);
    if (filter.personId) q = q.where('person_id', '=', filter.personId);
    if (filter.after) q = q.where('id', '>', filter.after);
    return q.orderBy('id').limit(filter.limit).execute();
  },

  /** Moves a notice on if it is still at its version, and records the step. */
  async transition(db: Executor, row: NoticeRow, to: NoticeStatus, actor: { id: string; orgId: string }, note: string | null, now: string): Promise<boolean> {
    const closing = to === 'refused' || to === 'cancelled' || to === 'expired';
    const result = await db
      .updateTable('notices')
      .set({
        status: to,
        version: row.version + 1,
        updated_at: now,
        updated_by: actor.id,
        ...(to === 'published' ? { published_at: now } : {}),
        ...(to === 'refused' ? { refusal_reason: note } : {}),
        ...(closing ? { closed_at: now } : {}),
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const last = await db.selectFrom('notice_events').select((eb) => eb.fn.max('seq').as('seq')).where('notice_id', '=', row.id).executeTakeFirst();
    await db.insertInto('notice_events').values({ notice_id: row.id, seq: Number(last?.seq ?? 0) + 1, at: now, actor_id: actor.id, actor_org_id: actor.orgId, status_from: row.status, status_to: to, note }).execute();
    return true;
  },

  async events(db: Executor, noticeId: string): Promise<NoticeEvent[]> {
    const rows = await db.selectFrom('notice_events').selectAll().where('notice_id', '=', noticeId).orderBy('seq').execute();
    return rows.map((r) => ({ seq: r.seq, at: r.at, actorId: r.actor_id, actorOrgId: r.actor_org_id, from: r.status_from as NoticeStatus | null, to: r.status_to as NoticeStatus, note: r.note }));
  },
};

export function newNoticeRow(input: Omit<NoticeRow, 'id' | 'version' | 'updated_at' | 'updated_by' | 'closed_at' | 'refusal_reason'>): NoticeRow {
  return { id: newId('ntc'), version: 1, updated_at: input.created_at, updated_by: input.created_by, closed_at: null, refusal_reason: null, ...input };
}
