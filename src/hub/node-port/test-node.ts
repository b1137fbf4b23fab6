import { Agent, request } from 'node:https';
import type { KeyObject } from 'node:crypto';
import { createCertificateRequest, generateNodeKeys, rawPublicKey, tlsKeyPem, type NodeKeys } from '../../crypto/node-keys.js';
import type { TestHub } from '../testing.js';

export interface NodeResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read answers of many shapes
  text: string;
}

/** A bare HTTPS client with a node's client certificate: what a member node is to the hub, for the hub's own tests. */
export interface TestNodeClient {
  orgId: string;
  keys: NodeKeys;
  certificate: string;
  serial: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<NodeResponse>;
  close(): void;
}

export function tlsRequest(url: string, agent: Agent, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<NodeResponse> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {
      method, agent,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch { /* not JSON: keep the text */ }
        resolve({ status: res.statusCode ?? 0, body: parsed, text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function nodeAgent(hub: { ctx: { ca: { certificatePem: string } } }, credentials?: { key: KeyObject | string; cert: string }): Agent {
  return new Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: hub.ctx.ca.certificatePem,
    minVersion: 'TLSv1.3',
    ...(credentials ? { key: typeof credentials.key === 'string' ? credentials.key : credentials.key.export({ format: 'pem', type: 'pkcs8' }), cert: credentials.cert } : {}),
  });
}

/** Enrols a node for the organisation through the real node port, and answers a client holding its certificate. */
export async function enrolTestNode(hub: TestHub, orgId: string): Promise<TestNodeClient> {
  const keys = generateNodeKeys();
  const token = await hub.enrolmentToken(orgId);
  const anonymous = nodeAgent(hub);
  const res = await tlsRequest(hub.nodeUrl, anonymous, 'POST', '/node/v1/enrol', {
    token, csr: await createCertificateRequest(keys, orgId), signingKey: rawPublicKey(keys.signing.publicKey), encryptionKey: rawPublicKey(keys.encryption.publicKey),
  });
  anonymous.destroy();
  if (res.status !== 201) throw new Error(`enrolment of ${orgId} failed: ${res.text}`);
  const body = res.body as { certificate: string; serial: string };
  const agent = nodeAgent(hub, { key: tlsKeyPem(keys), cert: body.certificate });
  return {
    orgId, keys, certificate: body.certificate, serial: body.serial,
    call: (method, path, payload, headers) => tlsRequest(hub.nodeUrl, agent, method, path, payload, headers),
    close: () => agent.destroy(),
  };
}
