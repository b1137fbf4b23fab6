import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordPolicy } from '../access/policies.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { validatorCompilerTrusting } from '../hub/http/validation.js';
import { IdParams, problemResponses, type HubApp } from '../hub/http/app-type.js';
import type { Executor } from '../storage/database.js';
import type { TravelDocumentRow } from '../storage/schema.js';
import { DOCUMENT_CHANGE_TOPIC, indexedRange, type DocumentChange } from './no-hit-index.js';
import { batchAnswerJson } from './answer-json.js';
import { readBatchBody } from './batch-body.js';
import { BatchSearchBody, CreateDocumentBody, SearchBody, SearchResult, TravelDocument, UpdateDocumentBody } from './schema.js';
import { documentStore, isUniqueViolation, presentDocument, rowFromInput } from './store.js';
import { searchStreamRoute } from './stream-route.js';
import { Problems, checkDetails, checkRestriction, checkReviewDate, throwIfAny, validateNewDocument } from './validate.js';

const tags = ['travel documents'];
const BATCH_BODY_LIMIT = 8 * 1_048_576;
/** SHA-256 of each batch request's body as it arrived, for its audit entry. */
const receivedDigests = new WeakMap<object, string>();

async function loadDocument(db: Executor, id: string): Promise<TravelDocumentRow> {
  const row = await documentStore.get(db, id);
  if (!row) throw new AppError('document.not_found', `no travel document record ${id}`);
  return row;
}

export function documentRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock, bus } = ctx;
  const announce = (change: DocumentChange) => bus.publish(DOCUMENT_CHANGE_TOPIC, change);

  app.post('/api/v1/documents', {
    schema: { tags, summary: 'Report a stolen or lost document, or a range of stolen blanks (your country owns it)', body: CreateDocumentBody, response: { 201: TravelDocument, ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    recordPolicy.create(p, 'documents');
    const now = clock.now().toISOString();
    const input = validateNewDocument(request.body, now.slice(0, 10));
    const row = rowFromInput(input, { orgId: p.orgId, country: p.country as string }, p.id, now);
    const duplicateOf = (existing: TravelDocumentRow) => new AppError('document.duplicate', `your country already reports this document as ${existing.id}`);
    try {
      await database.transaction(async (trx) => {
        const duplicate = await documentStore.findDuplicate(trx, row);
        if (duplicate) throw duplicateOf(duplicate);
        await documentStore.insert(trx, row);
        await audit.record(trx, p, { action: 'documents.create', resourceType: 'travel_document', resourceId: row.id, details: { issuingState: row.issuing_state, number: row.number, range: input.range, status: row.status, visibility: row.visibility } });
      });
    } catch (error) {
      // Two reports of one document at once: both saw no duplicate, and the unique index refused the later one.
      const duplicate = isUniqueViolation(error) ? await documentStore.findDuplicate(database.db, row) : undefined;
      throw duplicate ? duplicateOf(duplicate) : error;
    }
    const range = indexedRange(row);
    await announce(row.ocr_key ? { added: row.ocr_key } : range ? { range } : {});
    return reply.code(201).send(presentDocument(row));
  });

  app.get('/api/v1/documents', {
    schema: {
      tags,
      summary: 'Your country\'s records (any country\'s, for the hub)',
      querystring: Type.Object({
        country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
        state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('cancelled')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        after: Type.Optional(IdParams.properties.id),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(TravelDocument) }), ...problemResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const ownerCountry = recordPolicy.list(p, 'documents', request.query.country);
    return database.transaction(async (trx) => {
      const rows = await documentStore.list(trx, { ownerCountry, state: request.query.state, after: request.query.after, limit: request.query.limit ?? 100 });
      await audit.record(trx, p, { action: 'documents.list', resourceType: 'travel_document', details: { ownerCountry: ownerCountry ?? null, returned: rows.length } });
      return { items: rows.map(presentDocument) };
    });
  });

  app.get('/api/v1/documents/:id', {
    schema: { tags, summary: 'One record, in full (its owner and the hub)', params: IdParams, response: { 200: TravelDocument, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const row = await loadDocument(trx, request.params.id);
      recordPolicy.read(p, 'documents', { ownerCountry: row.owner_country });
      await audit.record(trx, p, { action: 'documents.read', resourceType: 'travel_document', resourceId: row.id });
      return presentDocument(row);
    });
  });

  app.patch('/api/v1/documents/:id', {
    schema: { tags, summary: 'Change a record\'s status, details, review date or restrictions (its owner)', params: IdParams, body: UpdateDocumentBody, response: { 200: TravelDocument, 409: Type.Ref('Problem'), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const body = request.body;
    const now = clock.now().toISOString();
    return database.transaction(async (trx) => {
      const row = await loadDocument(trx, request.params.id);
      recordPolicy.change(p, 'documents', { ownerCountry: row.owner_country });
      if (row.state !== 'active') throw new AppError('document.conflict', 'the record was cancelled');
      if (body.version !== row.version) throw new AppError('document.conflict', `the record is at version ${row.version}, not ${body.version}; reload it`);
      const problems = new Problems();
      const restriction = body.restriction ? checkRestriction(body.restriction, problems) : undefined;
      const reviewDate = body.reviewDate ? checkReviewDate(body.reviewDate, now.slice(0, 10), problems) : undefined;
      const details = checkDetails(body, row.issued_on, now.slice(0, 10), problems);
      if (body.status === 'stolen_blank' && row.kind === 'single' && row.status !== 'stolen_blank') problems.add('/status', 'a reported document cannot become a stolen blank; report the blank');
      if (row.kind === 'range' && body.status !== undefined && body.status !== 'stolen_blank') problems.add('/status', 'a blank range stays stolen_blank; cancel it instead');
      throwIfAny(problems);
      const changes: Partial<TravelDocumentRow> = {
        ...(body.status ? { status: body.status } : {}),
        ...(body.event ? { event_date: details.eventDate, event_place: body.event.place ?? null, circumstances: body.event.circumstances ?? null } : {}),
        ...(body.holder ? { holder_name: body.holder.name ?? null, holder_birth_date: details.holderBirthDate, holder_nationality: details.holderNationality } : {}),
        ...(body.expiresOn ? { expires_on: details.expiresOn } : {}),
        ...(reviewDate ? { review_date: reviewDate } : {}),
        ...(restriction ? { visibility: restriction.visibility, visible_to: JSON.stringify(restriction.visibleTo) } : {}),
      };
      if (!(await documentStore.update(trx, row, changes, p, now))) throw new AppError('document.conflict', 'the record changed meanwhile; reload it');
      const { version: _version, ...changed } = body;
      await audit.record(trx, p, { action: 'documents.update', resourceType: 'travel_document', resourceId: row.id, details: { changed } });
      return presentDocument(await loadDocument(trx, row.id));
    });
  });

  app.delete('/api/v1/documents/:id', {
    schema: {
      tags,
      summary: 'Cancel a record (found, returned, or entered in error); it stops matching at once',
      params: IdParams,
      querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: TravelDocument, 409: Type.Ref('Problem'), ...problemResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const now = clock.now().toISOString();
    const cancelled = await database.transaction(async (trx) => {
      const row = await loadDocument(trx, request.params.id);
      recordPolicy.change(p, 'documents', { ownerCountry: row.owner_country });
      if (row.state !== 'active') throw new AppError('document.conflict', 'the record is already cancelled');
      if (!(await documentStore.update(trx, row, { state: 'cancelled', cancelled_at: now }, p, now))) throw new AppError('document.conflict', 'the record changed meanwhile; reload it');
      await audit.record(trx, p, { action: 'documents.cancel', resourceType: 'travel_document', resourceId: row.id, details: { reason: request.query.reason ?? null } });
      return loadDocument(trx, row.id);
    });
    if (cancelled.kind === 'range') await announce({ removedRange: cancelled.id });
    return presentDocument(cancelled);
  });

  app.post('/api/v1/documents/search', {
    schema: { tags, summary: 'Check one document: by number (and issuing state), or by MRZ', body: SearchBody, response: { 200: SearchResult, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    recordPolicy.search(p, 'documents');
    const { location, ...item } = request.body;
    return ctx.documents.searchOne(p, item, location ?? null);
  });

  // The batch route keeps a digest of its body as received, for the audit entry (in its own scope, so only it).
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    // The common shape is read in one pass and already checked (batch-body.ts); any other body, JSON.parse and the schema.
    const readInOnePass = new WeakSet<object>();
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT }, (request, text, done) => {
      receivedDigests.set(request, createHash('sha256').update(text).digest('hex'));
      const read = readBatchBody(text as string);
      if (!read) return void parseJson(request, text as string, done);
      readInOnePass.add(read);
      done(null, read);
    });
    scope.post('/api/v1/documents/search/batch', {
      bodyLimit: BATCH_BODY_LIMIT,
      validatorCompiler: validatorCompilerTrusting(readInOnePass),
      schema: { tags, summary: 'Check up to 10,000 documents at once; each answered in order, an invalid one as an error', body: BatchSearchBody, response: { 200: Type.Object({ results: Type.Array(SearchResult) }), 413: Type.Ref('Problem'), ...problemResponses } },
    }, async (request, reply) => {
      const p = principalOf(request);
      recordPolicy.search(p, 'documents');
      const results = await ctx.documents.searchBatch(p, request.body.items, request.body.location ?? null, receivedDigests.get(request));
      const schemaJson = reply.compileSerializationSchema(SearchResult as unknown as Record<string, unknown>) as (result: SearchResult) => string;
      return reply.serializer(() => batchAnswerJson(results, schemaJson)).send({ results });
    });
  });

  searchStreamRoute(app, ctx);
}
