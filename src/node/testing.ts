import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { enrolNode, type Enrolled } from './enrol.js';
import { startNode, type RunningNode } from './server.js';
import type { NodeConfig } from './settings.js';

/** A test password that passes the node's password rules. */
export const NODE_TEST_PASSWORD = 'node horse battery staple';

/** Settings that keep tests quick: cheap password hashing, short pauses, quiet logs. */
export const NODE_TEST_SETTINGS: Partial<NodeConfig> = { scryptCost: 10, retryMax: 1, inboxWait: 2, hubTimeout: 5, logLevel: 'silent', sqliteSynchronous: 'normal' };

export interface TestNode {
  node: RunningNode;
  dataDir: string;
  enrolled: Enrolled;
  /** The first administrator's session (password changed). */
  adminToken: string;
  call: (token: string | null, options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** Starts the node again on the same data folder (after stop()). */
  restart(settings?: Partial<NodeConfig>): Promise<void>;
  stop(): Promise<void>;
  /** Stops the node and removes its data folder. */
  close(): Promise<void>;
}

/** Enrols a node for `orgId` with the hub at `hubUrl` (a token from the hub admin) and starts it on a free port. */
export async function startTestNode(hubUrl: string, token: string, options: { settings?: Partial<NodeConfig>; passphrase?: string } = {}): Promise<TestNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'blueline-node-'));
  const enrolled = await enrolNode({ hubUrl, token, dataDir: join(dataDir, 'node'), scryptCost: 10, ...(options.passphrase ? { passphrase: options.passphrase } : {}) });
  const start = (settings?: Partial<NodeConfig>) =>
    startNode({ dataDir: enrolled.dataDir, port: 0, logger: false, settings: { ...NODE_TEST_SETTINGS, ...options.settings, ...settings }, ...(options.passphrase ? { passphrase: options.passphrase } : {}) });
  let node: RunningNode | undefined = await start();
  const call = (token: string | null, request: InjectOptions) => {
    if (!node) throw new Error('the test node is stopped');
    return node.app.inject({ ...request, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...request.headers } });
  };
  const adminToken = await loginNode(call, enrolled.adminUsername, enrolled.adminPassword);
  const stop = async () => {
    await node?.close();
    node = undefined;
  };
  return {
    get node() {
      if (!node) throw new Error('the test node is stopped');
      return node;
    },
    dataDir: enrolled.dataDir,
    enrolled,
    adminToken,
    call,
    restart: async (settings) => {
      await stop();
      node = await start(settings);
    },
    stop,
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in to a node, changing a first password to NODE_TEST_PASSWORD; answers the session token. */
export async function loginNode(call: TestNode['call'], username: string, password: string): Promise<string> {
  const res = await call(null, { method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`node login of ${username} failed: ${res.body}`);
  const { token, user } = res.json<{ token: string; user: { mustChangePassword: boolean } }>();
  if (user.mustChangePassword) {
    const changed = await call(token, { method: 'PUT', url: '/api/v1/session/password', payload: { currentPassword: password, newPassword: NODE_TEST_PASSWORD } });
    if (changed.statusCode !== 204) throw new Error(`password change of ${username} failed: ${changed.body}`);
  }
  return token;
}

/**
 * A TCP gate in front of the hub's node port: nodes reach the hub through it
 * (TLS passes through untouched, end to end), and a test can shut it — every
 * connection cut, new ones refused — and open it again on the same port: the
 * hub, as the nodes see it, goes down and comes back.
 */
export class TcpGate {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  static async open(targetUrl: string): Promise<TcpGate> {
    const url = new URL(targetUrl);
    const gate = new TcpGate({ host: url.hostname, port: Number(url.port) });
    await gate.up();
    return gate;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.sockets.forEach((s) => s.destroy());
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Polls `check` until it answers a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'the condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
