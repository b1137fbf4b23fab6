import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { personPolicy, recordPolicy } from '../access/policies.js';
import type { Principal } from '../access/principal.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { IdParams, problemResponses, type HubApp } from '../hub/http/app-type.js';
import type { NewPerson, PersonRow } from '../storage/schema.js';
import type { Tx } from '../storage/database.js';
import { loadPerson } from './notice-service.js';
import { PERSON_CHANGE_TOPIC, type PersonChange } from './person-index.js';
import { checkPhoto, tooLarge } from './photo.js';
import {
  CreatePersonBody, Notice, NOTICE_KINDS, NOTICE_STATUSES, PERSON_LIMITS, Person, RequestNoticeBody, ScreenBody, ScreeningResult,
  UpdateNoticeBody, UpdatePersonBody, type StoredName,
} from './schema.js';
import { circulationOf, personAccess } from './screening.js';
import { columnsOf, newPersonRow, noticeStore, personStore, presentPerson } from './store.js';
import { engineRecord, validateNewPerson, validatePersonChange } from './validate.js';

const tags = ['persons and notices'];
const Country = Type.String({ pattern: '^[A-Z]{2}$' });

/** The fields the name index holds: a change to any of them is announced to every hub process. */
const INDEXED: readonly (keyof UpdatePersonBody)[] = ['names', 'birthDate', 'sex', 'nationalities'];

function indexedChange(row: PersonRow): PersonChange {
  return {
    op: 'put',
    seq: Number(row.seq),
    person: engineRecord({ names: JSON.parse(row.names) as StoredName[], birthDate: row.birth_date, sex: row.sex, nationalities: JSON.parse(row.nationalities) as string[] }),
  };
}

/** Reads a photograph's bytes as they come, refusing at once past the limit (declared or counted). */
async function readPhotoBody(request: { headers: Record<string, string | string[] | undefined> }, payload: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > PERSON_LIMITS.photoBytes) throw tooLarge(declared);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > PERSON_LIMITS.photoBytes) throw tooLarge(size);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

export function personRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock, bus } = ctx;
  const announce = (change: PersonChange) => bus.publish(PERSON_CHANGE_TOPIC, change);
  const today = () => clock.now().toISOString().slice(0, 10);

  /** Loads a record its owner is about to change: authorised, still active, at the version the caller read. */
  async function forChange(trx: Tx, p: Principal, id: string, version?: number): Promise<PersonRow> {
    const row = await loadPerson(trx, id);
    recordPolicy.change(p, 'persons', { ownerCountry: row.owner_country });
    if (row.state !== 'active') throw new AppError('person.conflict', 'the person record was cancelled');
    if (version !== undefined && version !== row.version) throw new AppError('person.conflict', `the record is at version ${row.version}, not ${version}; reload it`);
    return row;
  }

  async function update(trx: Tx, p: Principal, row: PersonRow, changes: Partial<NewPerson>, now: string): Promise<PersonRow> {
    if (!(await personStore.update(trx, row, changes, p, now))) throw new AppError('person.conflict', 'the record changed meanwhile; reload it');
    return loadPerson(trx, row.id);
  }

  app.post('/api/v1/persons', {
    schema: { tags, summary: 'Enter a person (your country owns the record)', body: CreatePersonBody, response: { 201: Person, ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    recordPolicy.create(p, 'persons');
    const now = clock.now().toISOString();
    const input = validateNewPerson(request.body, now.slice(0, 10));
    const saved = await database.transaction(async (trx) => {
      const row = await personStore.insert(trx, newPersonRow(input, { orgId: p.orgId, country: p.country as string }, p.id, now));
      // The audit entry names the record, not its contents: the log is kept for ever, the record is not.
      await audit.record(trx, p, { action: 'persons.create', resourceType: 'person', resourceId: row.id, details: { names: input.names.length, birthDate: input.birth !== null, visibility: input.visibility, hitThreshold: input.hitThreshold, reviewDate: input.reviewDate } });
      return row;
    });
    await announce(indexedChange(saved));
    return reply.code(201).send(presentPerson(saved));
  });

  app.get('/api/v1/persons', {
    schema: {
      tags,
      summary: 'Your country\'s person records (any country\'s, for the hub)',
      querystring: Type.Object({
        country: Type.Optional(Country),
        state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('cancelled')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        after: Type.Optional(IdParams.properties.id),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Person) }), ...problemResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const ownerCountry = recordPolicy.list(p, 'persons', request.query.country);
    return database.transaction(async (trx) => {
      const rows = await personStore.list(trx, { ownerCountry, state: request.query.state, after: request.query.after, limit: request.query.limit ?? 100 });
      await audit.record(trx, p, { action: 'persons.list', resourceType: 'person', details: { ownerCountry: ownerCountry ?? null, returned: rows.length } });
      return { items: rows.map(presentPerson) };
    });
  });

  app.get('/api/v1/persons/:id', {
    schema: { tags, summary: 'One record, in full (its owner and the hub; others see what a screening shows)', params: IdParams, response: { 200: Person, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const row = await loadPerson(trx, request.params.id);
      recordPolicy.read(p, 'persons', { ownerCountry: row.owner_country });
      await audit.record(trx, p, { action: 'persons.read', resourceType: 'person', resourceId: row.id });
      return presentPerson(row);
    });
  });

  app.patch('/api/v1/persons/:id', {
    schema: { tags, summary: 'Change a record (its owner); fields given replace the recorded ones', params: IdParams, body: UpdatePersonBody, response: { 200: Person, 409: Type.Ref('Problem'), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const now = clock.now().toISOString();
    const updated = await database.transaction(async (trx) => {
      const row = await forChange(trx, p, request.params.id, request.body.version);
      const changes = columnsOf(validatePersonChange(request.body, now.slice(0, 10)));
      const after = await update(trx, p, row, changes, now);
      const { version: _version, ...fields } = request.body;
      await audit.record(trx, p, { action: 'persons.update', resourceType: 'person', resourceId: row.id, details: { changed: Object.keys(fields).sort() } });
      return after;
    });
    if (INDEXED.some((f) => request.body[f] !== undefined)) await announce(indexedChange(updated));
    return presentPerson(updated);
  });

  app.delete('/api/v1/persons/:id', {
    schema: {
      tags,
      summary: 'Cancel a record (found, arrested, entered in error): it stops matching at once, and its notices and diffusions are cancelled',
      params: IdParams,
      querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: PERSON_LIMITS.reason })) }, { additionalProperties: false }),
      response: { 200: Person, 409: Type.Ref('Problem'), ...problemResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const now = clock.now().toISOString();
    const cancelled = await database.transaction(async (trx) => {
      const row = await forChange(trx, p, request.params.id);
      const after = await update(trx, p, row, { state: 'cancelled', cancelled_at: now }, now);
      await ctx.notices.closeAllOf(trx, p, row.id, now);
      await audit.record(trx, p, { action: 'persons.cancel', resourceType: 'person', resourceId: row.id, details: { reason: request.query.reason ?? null } });
      return after;
    });
    await announce({ op: 'remove', seq: Number(cancelled.seq) });
    return presentPerson(cancelled);
  });

  // The photograph travels as the bytes themselves: this scope reads every body raw, whatever its declared type.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage) => readPhotoBody(request, payload));
    (scope as unknown as HubApp).put('/api/v1/persons/:id/photo', {
      schema: {
        tags,
        summary: `Set the photograph (its owner): the image bytes as the body, JPEG, PNG or WebP, at most ${PERSON_LIMITS.photoBytes / 1_048_576} MiB`,
        params: IdParams,
        response: { 200: Person, 409: Type.Ref('Problem'), 413: Type.Ref('Problem'), 422: Type.Ref('Problem'), ...problemResponses },
      },
    }, async (request) => {
      const p = principalOf(request);
      const now = clock.now().toISOString();
      return database.transaction(async (trx) => {
        const row = await forChange(trx, p, request.params.id);
        const type = checkPhoto(request.body, request.headers['content-type']);
        const data = request.body as Buffer;
        const sha256 = createHash('sha256').update(data).digest();
        await personStore.putPhoto(trx, { personId: row.id, contentType: type, data, sha256, uploadedAt: now, uploadedBy: p.id });
        const after = await update(trx, p, row, { photo_type: type, photo_size: data.length, photo_sha256: sha256.toString('hex'), photo_updated_at: now }, now);
        await audit.record(trx, p, { action: 'persons.photo_put', resourceType: 'person', resourceId: row.id, details: { contentType: type, size: data.length, sha256: sha256.toString('hex') } });
        return presentPerson(after);
      });
    });
  });

  app.get('/api/v1/persons/:id/photo', {
    schema: { tags, summary: 'The photograph (the owner, the hub, and members the person is circulated to)', params: IdParams, response: { ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const photo = await database.transaction(async (trx) => {
      const row = await loadPerson(trx, request.params.id);
      personPolicy.readPhoto(p, personAccess(row), circulationOf(await noticeStore.inForce(trx, [row.id], today())));
      const found = await personStore.getPhoto(trx, row.id);
      if (!found) throw new AppError('person.photo_not_found', `${row.id} has no photograph`);
      await audit.record(trx, p, { action: 'persons.photo_read', resourceType: 'person', resourceId: row.id });
      return found;
    });
    const sha256 = Buffer.from(photo.sha256).toString('hex');
    return reply
      .header('content-type', photo.content_type)
      .header('etag', `"${sha256}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(photo.data));
  });

  app.delete('/api/v1/persons/:id/photo', {
    schema: { tags, summary: 'Remove the photograph (its owner)', params: IdParams, response: { 200: Person, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const now = clock.now().toISOString();
    return database.transaction(async (trx) => {
      const row = await forChange(trx, p, request.params.id);
      if (row.photo_sha256 === null) throw new AppError('person.photo_not_found', `${row.id} has no photograph`);
      await personStore.deletePhoto(trx, row.id);
      const after = await update(trx, p, row, { photo_type: null, photo_size: null, photo_sha256: null, photo_updated_at: null }, now);
      await audit.record(trx, p, { action: 'persons.photo_delete', resourceType: 'person', resourceId: row.id });
      return presentPerson(after);
    });
  });

  app.post('/api/v1/persons/screen', {
    schema: {
      tags,
      summary: `Screen a person by name (any script), with birth date, sex and nationality if known: ranked candidates you may see, each explained`,
      body: ScreenBody,
      response: { 200: ScreeningResult, 422: Type.Ref('Problem'), ...problemResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    recordPolicy.search(p, 'persons');
    return ctx.persons.screen(p, request.body);
  });

  // ---------------------------------------------------------------- notices

  app.post('/api/v1/persons/:id/notices', {
    schema: {
      tags,
      summary: 'Request a notice (the hub reviews it) or send a diffusion (straight to the countries named), as the owner country\'s NCB',
      params: IdParams,
      body: RequestNoticeBody,
      response: { 201: Notice, 409: Type.Ref('Problem'), 422: Type.Ref('Problem'), ...problemResponses },
    },
  }, async (request, reply) => reply.code(201).send(await ctx.notices.request(principalOf(request), request.params.id, request.body)));

  app.get('/api/v1/persons/:id/notices', {
    schema: { tags, summary: 'The notices and diffusions of a person that you may see', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Notice) }), ...problemResponses } },
  }, async (request) => ({ items: await ctx.notices.ofPerson(principalOf(request), request.params.id) }));

  app.get('/api/v1/notices', {
    schema: {
      tags,
      summary: 'Notices and diffusions your country requested (the hub: all, e.g. ?status=requested for its review queue)',
      querystring: Type.Object({
        country: Type.Optional(Country),
        status: Type.Optional(Type.Enum(NOTICE_STATUSES)),
        kind: Type.Optional(Type.Enum(NOTICE_KINDS)),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        after: Type.Optional(IdParams.properties.id),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Notice) }), ...problemResponses },
    },
  }, async (request) => ({ items: await ctx.notices.list(principalOf(request), request.query) }));

  app.get('/api/v1/notices/:id', {
    schema: { tags, summary: 'One notice or diffusion with its history', params: IdParams, response: { 200: Notice, ...problemResponses } },
  }, async (request) => ctx.notices.read(principalOf(request), request.params.id));

  app.patch('/api/v1/notices/:id', {
    schema: {
      tags,
      summary: 'Move a notice on: under_review, published or refused (the hub), cancelled (the requesting NCB or the hub)',
      params: IdParams,
      body: UpdateNoticeBody,
      response: { 200: Notice, 409: Type.Ref('Problem'), 422: Type.Ref('Problem'), ...problemResponses },
    },
  }, async (request) => ctx.notices.transition(principalOf(request), request.params.id, request.body));
}
