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
      expect((await stat(join(dir, 'first-logins.json'))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, 'first-logins.json'), 'utf8'))).toHaveProperty('borderKey', key);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
