import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/blueline.js', import.meta.url).pathname;
const env = { ...process.env, BLUELINE_SCRYPT_COST: '10', BLUELINE_LOG_LEVEL: 'warn' };

async function blueline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the blueline command, as a real process', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-cli-'));
    dataDir = join(dir, 'hub');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('explains itself with --help on every command', async () => {
    for (const args of [['--help'], ['hub', '--help'], ['hub', 'init', '--help'], ['audit', '--help'], ['audit', 'verify', '--help'], ['sandbox', '--help']]) {
      const res = await blueline(...args);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/Usage/);
    }
  });

  it('names a bad setting and exits 2 without starting', async () => {
    const res = await blueline('hub', '--data-dir', dataDir, '--port', '99999');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--port: must be a whole number from 0 to 65535 (got "99999")');
  });

  it('refuses to start a hub that was never initialised', async () => {
    const res = await blueline('hub', '--data-dir', dataDir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('run "blueline hub init" first');
  });

  it('initialises a hub once, with owner-only keys, and refuses a second time', async () => {
    const res = await blueline('hub', 'init', '--data-dir', dataDir);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/First password \(shown once.*\): \S{20,}/);
    expect((await stat(join(dataDir, 'hub-signing.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'ca.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const again = await blueline('hub', 'init', '--data-dir', dataDir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a hub');
  });

  it('starts the hub, which serves its API and documentation until stopped', async () => {
    const child = spawn(process.execPath, [BIN, 'hub', '--data-dir', dataDir, '--port', '0', '--node-port', '0'], { env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(seen);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`hub exited with ${code}`)));
      });
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${url}/api/docs/json`)).status).toBe(200);
      const unauthenticated = await fetch(`${url}/api/v1/organisations`);
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('verifies the audit log, a saved checkpoint, and finds a single altered byte', async () => {
    const ok = await blueline('audit', 'verify', '--data-dir', dataDir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: 199 entries/);

    const db = new BetterSqlite3(join(dataDir, 'blueline.sqlite'));
    const { note } = db.prepare('select note from audit_checkpoints order by size desc limit 1').get() as { note: string };
    const saved = join(dir, 'checkpoint.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(saved, note));
    expect((await blueline('audit', 'verify', '--data-dir', dataDir, '--checkpoint', saved)).code).toBe(0);

    const { entry } = db.prepare('select entry from audit_entries where seq = 42').get() as { entry: string };
    const bytes = Buffer.from(entry);
    const at = bytes.indexOf('NCB');
    bytes[at] = bytes[at]! ^ 0x01;
    db.prepare('update audit_entries set entry = ? where seq = 42').run(bytes.toString());
    db.close();
    const bad = await blueline('audit', 'verify', '--data-dir', dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('entry 42: its content does not match its leaf hash');
    expect(await readFile(saved, 'utf8')).toBe(note);
  });
});
