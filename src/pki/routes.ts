import type { TLSSocket } from 'node:tls';
import { Type } from 'typebox';
import { networkPolicy, organisationPolicy } from '../access/policies.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { IdParams, problemResponses, type HubApp } from '../hub/http/app-type.js';
import { loadOrganisation } from '../registry/organisations/load.js';
import { normaliseSerial } from './certificate-status.js';
import type { NodeCertificateRow } from './store.js';
import { certificateStore } from './store.js';

const tags = ['network certificates'];
const SerialParams = Type.Object({ serial: Type.String({ pattern: '^[0-9a-f]{1,40}$' }) }, { additionalProperties: false });
const Base64UrlKey = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'a raw 32-byte public key, base64url' });
const Pem = Type.String({ minLength: 1, maxLength: 16_384 });

const NodeCertificate = Type.Object({
  serial: Type.String(),
  orgId: Type.String(),
  fingerprint: Type.String(),
  notBefore: Type.String(),
  notAfter: Type.String(),
  issuedAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revokeReason: Type.Union([Type.String(), Type.Null()]),
  signingKey: Type.String(),
  encryptionKey: Type.String(),
});

function present(row: NodeCertificateRow) {
  return {
    serial: row.serial, orgId: row.org_id, fingerprint: row.fingerprint, notBefore: row.not_before, notAfter: row.not_after,
    issuedAt: row.issued_at, revokedAt: row.revoked_at, revokeReason: row.revoke_reason, signingKey: row.signing_key, encryptionKey: row.encryption_key,
  };
}

const Enrolled = Type.Object({ orgId: Type.String(), certificate: Type.String(), caCertificate: Type.String(), serial: Type.String(), notAfter: Type.String() });

/** On the public API: the hub enrols nodes, lists and revokes their certificates; anyone may fetch the root and the CRL. */
export function pkiRoutes(app: HubApp, ctx: HubContext): void {
  const { database, enrolment } = ctx;

  app.post('/api/v1/organisations/:id/enrolment-tokens', {
    schema: {
      tags, summary: 'A one-time token with which the organisation\'s node enrols (hub); shown once',
      params: IdParams, response: { 201: Type.Object({ id: Type.String(), token: Type.String(), expiresAt: Type.String() }), ...problemResponses },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    networkPolicy.manage(p);
    const org = await loadOrganisation(database.db, request.params.id);
    return reply.code(201).send(await enrolment.createToken(p, org));
  });

  app.get('/api/v1/organisations/:id/certificates', {
    schema: { tags, summary: 'The node certificates issued to an organisation', params: IdParams, response: { 200: Type.Object({ items: Type.Array(NodeCertificate) }), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    organisationPolicy.read(p, await loadOrganisation(database.db, request.params.id));
    return { items: (await certificateStore.listForOrg(database.db, request.params.id)).map(present) };
  });

  app.post('/api/v1/node-certificates/:serial/revoke', {
    schema: {
      tags, summary: 'Revoke a node certificate at once (hub)', params: SerialParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: NodeCertificate, ...problemResponses },
    },
    config: { changesAccess: true },
  }, async (request) => {
    const p = principalOf(request);
    networkPolicy.manage(p);
    return present(await enrolment.revoke(p, request.params.serial, request.body.reason));
  });

  app.get('/api/v1/pki/root', { schema: { tags, summary: 'The network root certificate (PEM)' }, config: { public: true } }, async (_request, reply) =>
    reply.type('application/x-pem-file').send(ctx.ca.certificatePem));

  app.get('/api/v1/pki/crl', { schema: { tags, summary: 'The signed list of revoked node certificates (PEM)' }, config: { public: true } }, async (_request, reply) =>
    reply.type('application/x-pem-file').send(await enrolment.crl()));
}

/** On the node port: enrolment (the one route needing no certificate) and renewal. */
export function nodePkiRoutes(app: HubApp, ctx: HubContext): void {
  app.post('/node/v1/enrol', {
    schema: {
      tags, summary: 'Enrol a member node with a one-time token',
      body: Type.Object({ token: Type.String({ maxLength: 200 }), csr: Pem, signingKey: Base64UrlKey, encryptionKey: Base64UrlKey }, { additionalProperties: false }),
      response: { 201: Enrolled, ...problemResponses },
    },
    config: { public: true },
  }, async (request, reply) => reply.code(201).send(await ctx.enrolment.enrol(request.body, request.ip)));

  app.post('/node/v1/renew', {
    schema: { tags, summary: 'A fresh certificate for this node, keeping its message keys', body: Type.Object({ csr: Pem }, { additionalProperties: false }), response: { 200: Enrolled, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const serial = (request.raw.socket as TLSSocket).getPeerX509Certificate?.()?.serialNumber ?? '';
    return ctx.enrolment.renew(p, normaliseSerial(serial), request.body.csr);
  });
}
