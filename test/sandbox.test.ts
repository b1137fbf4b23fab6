import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../bin/blueline.js', import.meta.url).pathname;

describe('npm start: the sandbox', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-sandbox-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('makes a seeded network, prints the first logins and a border check that hits', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--data-dir', dir, '--port', '0'], { env: { ...process.env, BLUELINE_SCRYPT_COST: '10' } });
    try {
      const printed = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes('Ctrl-C stops it')) resolve(seen);
        });
        child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${seen}`)));
      });
      expect(printed).toMatch(/hub administrator\s+admin\s+\S{20,}/);
      expect(printed).toMatch(/NCB United Kingdom\s+gb\.operator/);
      const url = /curl -s (http:\/\/\S+\/api\/v1\/documents\/search)/.exec(printed)?.[1] ?? '';
      const key = /Bearer (blk_\S+)'/.exec(printed)?.[1] ?? '';
      const body = /-d '(\{.*\})'/.exec(printed)?.[1] ?? '';
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { outcome: string; hits: { ownerCountry: string; match: { kind: string } }[] };
      expect(answer).toMatchObject({ outcome: 'hit', hits: [{ ownerCountry: 'GB', match: { kind: 'exact' } }] });
      const screenUrl = /curl -s (http:\/\/\S+\/api\/v1\/persons\/screen)/.exec(printed)?.[1] ?? '';
      const screenBody = [...printed.matchAll(/-d '(\{.*\})'/g)][1]?.[1] ?? '';
      const screened = await fetch(screenUrl, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: screenBody });
      const screening = (await screened.json()) as { outcome: string; candidates: { person: { names: { family: string }[] } }[] };
      expect(screening.outcome, JSON.stringify(screening)).toBe('hit');
      expect(screening.candidates[0]?.person.names[0]?.family).toBe('Иванов');
      expect((await stat(join(dir, 'first-logins.json'))).mode & 0o777).toBe(0o600);

      // Three member nodes, enrolled over mutual TLS; France's has the UK's demo message, decrypted at the node.
      const nodes = [...printed.matchAll(/^ {4}(NCB United Kingdom|Border Force Heathrow|NCB France)\s+(http:\/\/\S+)\/console\/\s+(\S+)\s+(\S+)$/gm)];
      expect(nodes.map((m) => m[1])).toEqual(['NCB United Kingdom', 'Border Force Heathrow', 'NCB France']);
      const [, , frUrl, username, password] = nodes[2] as RegExpMatchArray;
      const consolePage = await fetch(`${frUrl}/console/`);
      expect(consolePage.status).toBe(200);
      expect(consolePage.headers.get('content-security-policy')).toContain("default-src 'self'");
      const login = await fetch(`${frUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const changed = await fetch(`${frUrl}/api/v1/session/password`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: password, newPassword: 'correct horse battery staple' }) });
      expect(changed.status).toBe(204);
      let inbox: { items: { subject: string | null; sender: { name: string | null } }[] } = { items: [] };
      for (let i = 0; i < 100 && inbox.items.length === 0; i++) {
        const res = await fetch(`${frUrl}/api/v1/inbox`, { headers: { authorization: `Bearer ${token}` } });
        inbox = (await res.json()) as typeof inbox;
        if (inbox.items.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(inbox.items[0]?.subject).toMatch(/stolen blank passports/);
      expect(JSON.parse(await readFile(join(dir, 'first-logins.json'), 'utf8'))).toHaveProperty('borderKey', key);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
