import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../../access/authenticator.js';
import { AppError } from '../../core/errors.js';
import { orgIdOfCertificate } from '../../pki/certificate-authority.js';
import { normaliseSerial, type CertificateStatus } from '../../pki/certificate-status.js';

export const ON_BEHALF_OF_HEADER = 'x-blueline-on-behalf-of';

/**
 * On the node port a request is authenticated by its TLS client certificate
 * alone: chained to the network root, in date, on the hub's register and not
 * revoked, checked on every request (not only at the handshake), so a
 * revocation cuts off a connection that is already open.
 */
export function installNodeAuthentication(app: FastifyInstance, authenticator: Authenticator, status: CertificateStatus): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public || request.is404) return;
    const socket = request.raw.socket as TLSSocket;
    const peer = peerOf(socket);
    if (!peer) throw new AppError('node.certificate_required', 'connect with the certificate your node received at enrolment');
    if (!socket.authorized) {
      const reason = String(socket.authorizationError ?? '');
      throw reason === 'CERT_HAS_EXPIRED' ? new AppError('node.certificate_expired', `the certificate expired on ${peer.validTo}; renew it before it lapses, or enrol again`)
        : new AppError('node.certificate_untrusted', `the certificate does not chain to this network's root (${reason})`);
    }
    if (Date.now() >= peer.notAfter) throw new AppError('node.certificate_expired', `the certificate expired on ${peer.validTo}; renew it before it lapses, or enrol again`);
    // The register (issued here, not revoked) is asked on every request; the certificate's own contents are read once per connection.
    const orgId = await status.organisationOf(peer.serial);
    if (peer.orgId !== orgId) throw new AppError('node.certificate_untrusted', 'the certificate names another organisation than the one it was issued to');
    request.principal = await authenticator.authenticateNode(peer.serial, orgId, onBehalfOf(request.headers[ON_BEHALF_OF_HEADER]));
  });
}

/** What a request needs from its connection's client certificate, read once per connection. */
interface Peer {
  serial: string;
  /** The organisation the certificate names (its SAN URI), or null. */
  orgId: string | null;
  validTo: string;
  notAfter: number;
}

/**
 * A TLS 1.3 connection keeps the client certificate of its handshake (there is
 * no renegotiation), so it is parsed once per connection rather than on each
 * request: reading the organisation out of it with a full X.509 parser costs
 * about 2 ms of CPU.
 */
const peers = new WeakMap<TLSSocket, Peer | null>();

function peerOf(socket: TLSSocket): Peer | null {
  const known = peers.get(socket);
  if (known !== undefined) return known;
  const cert = socket.getPeerX509Certificate();
  const peer = cert ? { serial: normaliseSerial(cert.serialNumber), orgId: orgIdOfCertificate(cert), validTo: cert.validTo, notAfter: Date.parse(cert.validTo) } : null;
  peers.set(socket, peer);
  return peer;
}

function onBehalfOf(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^[\x20-\x7e]{1,128}$/.test(value)) {
    throw new AppError('request.validation_failed', `${ON_BEHALF_OF_HEADER} names the person or system at the node: 1 to 128 printable ASCII characters`);
  }
  return value;
}
