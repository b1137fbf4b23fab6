import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/blueline.js', import.meta.url).pathname;
const env = { ...process.env, BLUELINE_SCRYPT_COST: '10', BLUELINE_LOG_LEVEL: 'warn' };

function startHub(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'hub', '--data-dir', dataDir, '--port', '0', '--node-port', '0'], { env });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${seen}`)));
  });
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('a hub killed mid-request', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-crash-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('keeps every write it acknowledged, and its audit log stays intact', async () => {
    const dataDir = join(dir, 'hub');
    const init = await run(process.execPath, [BIN, 'hub', 'init', '--data-dir', dataDir], { env });
    const password = /First password[^:]*: (\S+)/.exec(init.stdout)?.[1] ?? '';
    let { child, url } = await startHub(dataDir);

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const { token: first } = await json<{ token: string }>(await post('/api/v1/session', { username: 'admin', password }));
    await fetch(`${url}/api/v1/session/password`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${first}` }, body: JSON.stringify({ currentPassword: password, newPassword: 'a long passphrase for the crash test' }) });
    const { token } = await json<{ token: string }>(await post('/api/v1/session', { username: 'admin', password: 'a long passphrase for the crash test' }));

    // Writers keep creating partner organisations until the hub dies under them.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await post('/api/v1/organisations', { kind: 'partner', name: `Partner ${w}-${i}` }, token);
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the connection died with the hub
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    stop = true;
    await Promise.all(writers);

    ({ child, url } = await startHub(dataDir));
    try {
      const list = await json<{ items: { id: string }[] }>(await fetch(`${url}/api/v1/organisations?kind=partner&limit=500`, { headers: { authorization: `Bearer ${token}` } }));
      const present = new Set(list.items.map((o) => o.id));
      expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
      const audit = await json<{ items: { entry: string }[] }>(await fetch(`${url}/api/v1/audit/entries?action=organisation.create&limit=1000`, { headers: { authorization: `Bearer ${token}` } }));
      const audited = new Set(audit.items.map((e) => (JSON.parse(e.entry) as { resource: { id: string } }).resource.id));
      expect([...present].filter((id) => !audited.has(id))).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    const verify = await run(process.execPath, [BIN, 'audit', 'verify', '--data-dir', dataDir], { env });
    expect(verify.stdout).toMatch(/audit log intact/);
  }, 60_000);
});
