import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { certificateFingerprint } from '../../pki/certificate-authority.js';
import { hubResponse, type HubResponse } from './hub-client.js';

/** The hub's certificate does not lead to the root the enrolment token pins. */
export class PinMismatch extends Error {}

/**
 * Checks a TLS peer's certificate chain without any trust store: it must end
 * at a self-signed CA certificate whose SHA-256 (of its DER) starts with
 * `pin`, each certificate signed by the next and within its validity, the
 * leaf made out to `host` and for server authentication. Answers the root.
 */
export function verifyPinnedChain(peer: DetailedPeerCertificate, host: string, pin: string, now: Date): X509Certificate {
  if (!peer.raw) throw new PinMismatch('the hub presented no certificate');
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  for (let c: DetailedPeerCertificate | undefined = peer; c?.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    chain.push(new X509Certificate(c.raw));
  }
  const rootAt = chain.findIndex((c) => certificateFingerprint(new Uint8Array(c.raw)).startsWith(pin.toLowerCase()));
  if (rootAt < 0) throw new PinMismatch('the hub\'s certificate chain does not include the network root the token pins (wrong hub, or someone in between)');
  const root = chain[rootAt] as X509Certificate;
  if (!root.ca || !root.checkIssued(root) || !root.verify(root.publicKey)) throw new PinMismatch('the pinned root is not a self-signed CA certificate');
  for (let i = 0; i <= rootAt; i++) {
    const cert = chain[i] as X509Certificate;
    if (new Date(cert.validFrom) > now || new Date(cert.validTo) < now) throw new PinMismatch(`the certificate ${cert.subject.replace(/\n/g, ', ')} is not valid now (${cert.validFrom} to ${cert.validTo})`);
    if (i === rootAt) break;
    const issuer = chain[i + 1] as X509Certificate;
    if (!issuer.ca || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) throw new PinMismatch('the hub\'s certificate chain is broken: a certificate is not signed by the next one');
  }
  const leaf = chain[0] as X509Certificate;
  if (leaf.keyUsage && !leaf.keyUsage.includes('1.3.6.1.5.5.7.3.1')) throw new PinMismatch('the hub\'s certificate is not for a TLS server');
  const mismatch = checkServerIdentity(host, peer);
  if (mismatch) throw new PinMismatch(`the hub's certificate is not made out to ${host}: ${mismatch.message}`);
  return root;
}

/**
 * A TLS 1.3 connection to the hub before the node has any certificate: the
 * hub is trusted only if its chain leads to the pinned root, checked before
 * anything is sent on the connection.
 */
export async function connectPinned(hubUrl: string, pin: string, timeoutMs: number, now = new Date()): Promise<{ socket: TLSSocket; root: X509Certificate }> {
  const url = new URL(hubUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const socket = connect({
    host,
    port: Number(url.port || 443),
    ...(isIP(host) ? {} : { servername: host }),
    // No trust store can know the network root yet: the chain is checked against the pin below.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.3',
    ALPNProtocols: ['http/1.1'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no TLS handshake with ${url.host} within ${timeoutMs} ms`)), timeoutMs);
      socket.once('secureConnect', () => (clearTimeout(timer), resolve()));
      socket.once('error', (error: Error) => (clearTimeout(timer), reject(error)));
    });
    const root = verifyPinnedChain(socket.getPeerCertificate(true), host, pin, now);
    return { socket, root };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

/** One JSON request on a connection opened (and checked) by connectPinned; closes it after. */
export function requestOnSocket(socket: TLSSocket, hubUrl: string, method: string, path: string, body: unknown, timeoutMs: number): Promise<HubResponse> {
  const url = new URL(hubUrl);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || 443,
        method,
        path,
        createConnection: () => socket,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), accept: 'application/json', connection: 'close' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          socket.destroy();
          resolve(hubResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks)));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => {
      socket.destroy();
      reject(error);
    });
    req.end(payload);
  });
}
