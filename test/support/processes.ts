import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const BIN = new URL('../../bin/blueline.js', import.meta.url).pathname;
/** Cheap password hashing and quiet logs for processes started by tests. */
export const TEST_ENV = { ...process.env, BLUELINE_SCRYPT_COST: '10', BLUELINE_NODE_SCRYPT_COST: '10', BLUELINE_LOG_LEVEL: 'warn' };

export async function blueline(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env: TEST_ENV, timeout: 60_000 });
  return stdout;
}

/** Runs `blueline ARGS` to its end, whatever its exit code; `input` goes to its standard input. */
export function runBlueline(args: readonly string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: TEST_ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Starts `blueline ARGS` and resolves with the child and the first match of `ready` in its output. */
export function startBlueline(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: TEST_ENV });
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) resolve({ child, match });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => void (seen += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`blueline ${args.join(' ')} exited with ${code}: ${seen}`)));
  });
}

export async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** A port free right now on loopback, for a process that must come back on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  return typeof address === 'object' && address ? address.port : 0;
}

export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Logs in with a first password and chooses a new one; answers the session token. */
export async function firstLogin(url: string, username: string, password: string, newPassword = 'correct horse battery staple'): Promise<string> {
  const { token } = await json<{ token: string }>(await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }));
  const res = await fetch(`${url}/api/v1/session/password`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: password, newPassword }) });
  if (res.status !== 204) throw new Error(`password change at ${url}: ${res.status} ${await res.text()}`);
  return token;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
