/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- tests read JSON answers of many shapes */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootCa } from './root-ca.js';
import { CertificateAuthority } from './certificate-authority.js';
import { createCertificateRequest, generateNodeKeys, rawPublicKey, tlsKeyPem } from '../crypto/node-keys.js';
import { enrolTestNode, nodeAgent, tlsRequest, type TestNodeClient } from '../hub/node-port/test-node.js';
import { auditEntries, ncbOf, ok } from '../hub/test-support.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';

describe('enrolment and the node port', () => {
  let hub: TestHub;
  let gb: Organisation;
  let fr: Organisation;
  let gbNode: TestNodeClient;

  beforeAll(async () => {
    hub = await startTestHub({ nodePort: true });
    gb = await ncbOf(hub, 'GB');
    fr = await ncbOf(hub, 'FR');
    gbNode = await enrolTestNode(hub, gb.id);
  });
  afterAll(async () => {
    gbNode.close();
    await hub.close();
  });

  async function enrolWith(token: string) {
    const keys = generateNodeKeys();
    const agent = nodeAgent(hub);
    try {
      return await tlsRequest(hub.nodeUrl, agent, 'POST', '/node/v1/enrol', {
        token, csr: await createCertificateRequest(keys, 'x'), signingKey: rawPublicKey(keys.signing.publicKey), encryptionKey: rawPublicKey(keys.encryption.publicKey),
      });
    } finally {
      agent.destroy();
    }
  }

  it('binds the certificate to the organisation and marks it connected on first contact', async () => {
    const res = await gbNode.call('POST', '/node/v1/directory', { audience: { kind: 'agencies', ids: [gb.id] } });
    // The sender is left out of its own audience, so a node alone in it reaches nobody.
    expect(res.body.code).toBe('directory.audience_empty');
    const org = await ok<Organisation>(hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations/${gb.id}` }));
    expect(org.status).toBe('connected');
    expect(org.lastSeenAt).not.toBeNull();
    const certs = await ok<{ items: { serial: string; signingKey: string }[] }>(hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations/${gb.id}/certificates` }));
    expect(certs.items.map((c) => c.serial)).toEqual([gbNode.serial]);
    expect(certs.items[0]?.signingKey).toBe(rawPublicKey(gbNode.keys.signing.publicKey));
    const [entry] = await auditEntries(hub, 'node.enrol');
    expect(entry?.details).toMatchObject({ signingKey: rawPublicKey(gbNode.keys.signing.publicKey) });
  });

  it('lets a token be used once only, and says nothing more to a thief', async () => {
    const token = await hub.enrolmentToken(fr.id);
    const first = await enrolWith(token);
    expect(first.status).toBe(201);
    const second = await enrolWith(token);
    expect({ status: second.status, code: second.body.code }).toEqual({ status: 401, code: 'enrolment.token_invalid' });
    // Another first character (a random token may already start with the one chosen).
    const forged = await enrolWith(token.replace(/^blt_(.)/, (_m, c: string) => `blt_${c === 'A' ? 'B' : 'A'}`));
    expect(forged.body.code).toBe('enrolment.token_invalid');
    const refused = await auditEntries(hub, 'node.enrol');
    expect(refused.filter((e) => e.outcome === 'denied').map((e) => e.details.why)).toEqual(
      expect.arrayContaining([expect.stringContaining('already used'), 'unknown token']),
    );
  });

  it('refuses an expired token', async () => {
    const expiring = await startTestHub({ nodePort: true, settings: { enrolmentTokenHours: 1 } });
    try {
      const token = await expiring.enrolmentToken((await ncbOf(expiring, 'DE')).id);
      const row = await expiring.db.reopen();
      await row.db.updateTable('enrolment_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
      await row.close();
      const agent = nodeAgent(expiring);
      const keys = generateNodeKeys();
      const res = await tlsRequest(expiring.nodeUrl, agent, 'POST', '/node/v1/enrol', {
        token, csr: await createCertificateRequest(keys, 'x'), signingKey: rawPublicKey(keys.signing.publicKey), encryptionKey: rawPublicKey(keys.encryption.publicKey),
      });
      agent.destroy();
      expect(res.body.code).toBe('enrolment.token_invalid');
    } finally {
      await expiring.close();
    }
  });

  it('only the hub makes enrolment tokens', async () => {
    const res = await hub.call(null, { method: 'POST', url: `/api/v1/organisations/${gb.id}/enrolment-tokens` });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a connection without a certificate, or with one from another CA', async () => {
    const bare = nodeAgent(hub);
    const none = await tlsRequest(hub.nodeUrl, bare, 'POST', '/node/v1/directory', { audience: { kind: 'all' } });
    bare.destroy();
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 401, code: 'node.certificate_required' });

    const rogue = await CertificateAuthority.fromPem(...Object.values(await createRootCa('Rogue')) as [string, string]);
    const keys = generateNodeKeys();
    const issued = await rogue.issueNodeCertificate({ csrPem: await createCertificateRequest(keys, gb.id), orgId: gb.id, now: new Date(), validityDays: 30 });
    const agent = nodeAgent(hub, { key: tlsKeyPem(keys), cert: issued.certificatePem });
    const res = await tlsRequest(hub.nodeUrl, agent, 'POST', '/node/v1/directory', { audience: { kind: 'all' } });
    agent.destroy();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'node.certificate_untrusted' });
  });

  it('refuses an expired certificate', async () => {
    const keys = generateNodeKeys();
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    const issued = await hub.ctx.ca.issueNodeCertificate({ csrPem: await createCertificateRequest(keys, gb.id), orgId: gb.id, now: longAgo, validityDays: 30 });
    const agent = nodeAgent(hub, { key: tlsKeyPem(keys), cert: issued.certificatePem });
    const res = await tlsRequest(hub.nodeUrl, agent, 'POST', '/node/v1/directory', { audience: { kind: 'all' } });
    agent.destroy();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'node.certificate_expired' });
  });

  it('refuses a revoked certificate at once, on a connection already open', async () => {
    const de = await ncbOf(hub, 'DE');
    const node = await enrolTestNode(hub, de.id);
    try {
      expect((await node.call('POST', '/node/v1/directory', { audience: { kind: 'agencies', ids: [gb.id] } })).status).toBe(200);
      await ok(hub.call(hub.adminToken, { method: 'POST', url: `/api/v1/node-certificates/${node.serial}/revoke`, payload: { reason: 'laptop stolen' } }));
      const res = await node.call('POST', '/node/v1/directory', { audience: { kind: 'agencies', ids: [gb.id] } });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'node.certificate_revoked' });
      const crl = await hub.call(null, { method: 'GET', url: '/api/v1/pki/crl' });
      expect(crl.body).toContain('BEGIN X509 CRL');
    } finally {
      node.close();
    }
  });

  it('refuses the node of a suspended organisation', async () => {
    const it_ = await ncbOf(hub, 'IT');
    const node = await enrolTestNode(hub, it_.id);
    try {
      await ok(hub.call(hub.adminToken, { method: 'PATCH', url: `/api/v1/organisations/${it_.id}`, payload: { status: 'suspended' } }));
      const res = await node.call('POST', '/node/v1/directory', { audience: { kind: 'all' } });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'auth.organisation_suspended' });
    } finally {
      node.close();
    }
  });

  it('serves the node port over TLS 1.3 only', async () => {
    const { connect } = await import('node:tls');
    const url = new URL(hub.nodeUrl);
    const error = await new Promise<Error | null>((resolve) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), ca: hub.ctx.ca.certificatePem, maxVersion: 'TLSv1.2' }, () => resolve(null));
      socket.on('error', resolve);
    });
    expect(error).not.toBeNull();
  });

  it('keeps people\'s bearer tokens off the node port', async () => {
    const agent = nodeAgent(hub);
    const res = await tlsRequest(hub.nodeUrl, agent, 'GET', '/api/v1/organisations', undefined, { authorization: `Bearer ${hub.adminToken}` });
    agent.destroy();
    expect(res.body.code).toBe('node.certificate_required');
  });
});
