import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ncbOf } from '../hub/test-support.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import { enrolNode, EnrolmentError } from './enrol.js';
import { loadNodeIdentity, nodeFiles } from './files.js';
import { connectPinned, PinMismatch, verifyPinnedChain } from './link/pinned-tls.js';
import { startNode } from './server.js';
import { NODE_TEST_SETTINGS } from './testing.js';

describe('enrolling a node', () => {
  let hub: TestHub;
  let dir: string;
  let gbId: string;

  beforeAll(async () => {
    hub = await startTestHub({ nodePort: true });
    gbId = (await ncbOf(hub, 'GB')).id;
    dir = await mkdtemp(join(tmpdir(), 'blueline-enrol-'));
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a hub whose chain does not lead to the root the token pins, before sending the token', async () => {
    const token = await hub.enrolmentToken(gbId);
    const wrongPin = token.replace(/\.[0-9a-f]{32}$/, `.${'0'.repeat(32)}`);
    await expect(enrolNode({ hubUrl: hub.nodeUrl, token: wrongPin, dataDir: join(dir, 'wrong-pin'), scryptCost: 10 })).rejects.toThrow(/pins/);
    // The token was never sent: it still works.
    const ok = await enrolNode({ hubUrl: hub.nodeUrl, token, dataDir: join(dir, 'right-pin'), scryptCost: 10 });
    expect(ok.orgId).toBe(gbId);
  });

  it('checks the hub\'s chain itself: the pinned root, the name, the dates', async () => {
    const pin = (await hub.enrolmentToken(gbId)).slice(-32);
    const { socket, root } = await connectPinned(hub.nodeUrl, pin, 5000);
    try {
      expect(root.ca).toBe(true);
      const peer = socket.getPeerCertificate(true);
      expect(() => verifyPinnedChain(peer, '127.0.0.1', pin, new Date())).not.toThrow();
      expect(() => verifyPinnedChain(peer, 'hub.elsewhere.example', pin, new Date())).toThrow(/not made out to/);
      expect(() => verifyPinnedChain(peer, '127.0.0.1', pin, new Date(Date.now() + 20 * 365 * 86_400_000))).toThrow(/not valid now/);
      expect(() => verifyPinnedChain(peer, '127.0.0.1', 'f'.repeat(32), new Date())).toThrow(PinMismatch);
    } finally {
      socket.destroy();
    }
  });

  it('cannot use a token twice, and refuses malformed ones at once', async () => {
    const token = await hub.enrolmentToken(gbId);
    await enrolNode({ hubUrl: hub.nodeUrl, token, dataDir: join(dir, 'first'), scryptCost: 10 });
    await expect(enrolNode({ hubUrl: hub.nodeUrl, token, dataDir: join(dir, 'second'), scryptCost: 10 })).rejects.toThrow(/already used|unknown|expired/);
    await expect(enrolNode({ hubUrl: hub.nodeUrl, token: 'blt_nonsense', dataDir: join(dir, 'third'), scryptCost: 10 })).rejects.toThrow(EnrolmentError);
    await expect(enrolNode({ hubUrl: 'http://127.0.0.1:1', token, dataDir: join(dir, 'fourth'), scryptCost: 10 })).rejects.toThrow(/https/);
  });

  it('keeps private keys owner-only and encrypted under a passphrase, and refuses to enrol twice into one folder', async () => {
    const dataDir = join(dir, 'sealed');
    const enrolled = await enrolNode({ hubUrl: hub.nodeUrl, token: await hub.enrolmentToken(gbId), dataDir, passphrase: 'correct passphrase', scryptCost: 10 });
    const files = nodeFiles(dataDir);
    for (const f of ['tls.key', 'signing.key', 'encryption.key']) {
      const file = join(files.keysDir, f);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'utf8')).toContain('ENCRYPTED PRIVATE KEY');
    }
    expect(statSync(files.firstLogin).mode & 0o777).toBe(0o600);
    expect(await readFile(files.firstLogin, 'utf8')).toContain(enrolled.adminPassword);
    expect((await readFile(files.identity, 'utf8'))).toContain(enrolled.orgId);

    await expect(loadNodeIdentity(dataDir)).rejects.toThrow(/passphrase/);
    await expect(loadNodeIdentity(dataDir, 'wrong passphrase')).rejects.toThrow(/passphrase/);
    const node = await startNode({ dataDir, port: 0, logger: false, passphrase: 'correct passphrase', settings: NODE_TEST_SETTINGS });
    expect(node.orgId).toBe(enrolled.orgId);
    await node.close();

    await expect(enrolNode({ hubUrl: hub.nodeUrl, token: await hub.enrolmentToken(gbId), dataDir, scryptCost: 10 })).rejects.toThrow(/already holds/);
  });
});
