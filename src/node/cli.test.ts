import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ncbOf } from '../hub/test-support.js';
import { startTestHub, type TestHub } from '../hub/testing.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/blueline.js', import.meta.url).pathname;
const env = { ...process.env, BLUELINE_NODE_SCRYPT_COST: '10', BLUELINE_NODE_LOG_LEVEL: 'warn', BLUELINE_NODE_INBOX_WAIT: '2' };

async function blueline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('blueline node, as a real process', () => {
  let hub: TestHub;
  let dir: string;
  let gbId: string;

  beforeAll(async () => {
    hub = await startTestHub({ nodePort: true });
    gbId = (await ncbOf(hub, 'GB')).id;
    dir = await mkdtemp(join(tmpdir(), 'blueline-node-cli-'));
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('explains itself, and asks for what enrolment needs', async () => {
    for (const args of [['node', '--help'], ['node', 'enrol', '--help']]) {
      const res = await blueline(...args);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Usage/);
    }
    expect((await blueline('node', 'enrol', '--token', 'blt_x.y')).code).toBe(2);
    const notEnrolled = await blueline('node', '--data-dir', join(dir, 'nothing'));
    expect(notEnrolled.code).toBe(2);
    expect(notEnrolled.stderr).toContain('node enrol');
  }, 60_000);

  it('enrols, then runs until told to stop, with its keys behind a passphrase', async () => {
    const dataDir = join(dir, 'gb');
    const passphraseFile = join(dir, 'passphrase');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(passphraseFile, 'a long passphrase\n', { mode: 0o600 });
    const enrolled = await blueline('node', 'enrol', '--hub', hub.nodeUrl, '--token', await hub.enrolmentToken(gbId), '--data-dir', dataDir, '--passphrase-file', passphraseFile);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toContain(`Enrolled this node as ${gbId}`);
    const password = /First password .*: (\S+)$/m.exec(enrolled.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{20,}$/);

    const refused = await blueline('node', 'enrol', '--hub', hub.nodeUrl, '--token', 'blt_' + 'A'.repeat(43) + '.' + '0'.repeat(32), '--data-dir', join(dir, 'other'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('enrolment failed');

    const child = spawn(process.execPath, [BIN, 'node', '--data-dir', dataDir, '--port', '0', '--passphrase-file', passphraseFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`the node exited with ${code}`)));
        setTimeout(() => reject(new Error(`no start within 20 s: ${out}`)), 20_000);
      });
      const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      expect(token).toMatch(/^bns_/);
      const link = await fetch(`${url}/api/v1/link`, { headers: { authorization: `Bearer ${token}` } });
      expect(link.status).toBe(403); // a first password must be changed first
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    expect(code).toBe(0);
  }, 60_000);
});
