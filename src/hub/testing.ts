import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { connect } from 'nats';
import { NatsBus } from '../bus/nats-bus.js';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/settings.js';
import type { Clock } from '../core/clock.js';
import { openTestDatabase, type TestDatabase } from '../storage/testing.js';
import { buildHubApp } from './app.js';
import { createHubContext, type HubContext } from './context.js';
import type { HubApp } from './http/app-type.js';
import { initHub } from './init.js';
import { nodePortTls } from './node-port/tls.js';

/** A real hub (real database, real keys, real HTTP stack) called in process, for tests. */
export interface TestHub {
  app: HubApp;
  ctx: HubContext;
  db: TestDatabase;
  config: Config;
  /** A logged-in hub administrator's session token. */
  adminToken: string;
  /** A request with the given bearer token (or none). */
  call(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Logs in (changing a first password if asked to) and answers the session token. */
  login(username: string, password: string): Promise<string>;
  /** With `nodePort: true`: the node port listening on loopback, as member nodes reach it. */
  nodeUrl: string;
  nodeApp: HubApp | null;
  /** A one-time enrolment token for an organisation, made by the hub administrator. */
  enrolmentToken(orgId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * With BLUELINE_TEST_NATS set, every test hub talks over NATS JetStream (a
 * stream and subject prefix of its own, removed afterwards): the suite's NATS
 * variant, as CI runs it.
 */
async function testNatsBus(url: string): Promise<{ bus: NatsBus; removeStream(): Promise<void> }> {
  const tag = randomBytes(4).toString('hex');
  const stream = `BLUELINE_TEST_${tag}`;
  const bus = await NatsBus.connect({ url, stream, subjectPrefix: `test${tag}`, maxAgeSeconds: 300 });
  return {
    bus,
    removeStream: async () => {
      const nc = await connect({ servers: url });
      await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
      await nc.close();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function startTestHub(options: { clock?: Clock; settings?: Partial<Config>; nodePort?: boolean } = {}): Promise<TestHub> {
  const db = await openTestDatabase();
  const config = loadConfig({
    env: {},
    overrides: { dataDir: join(db.dir, 'hub'), scryptCost: 10, checkpointInterval: 0, logLevel: 'silent', ...options.settings },
  });
  const nats = process.env.BLUELINE_TEST_NATS ? await testNatsBus(process.env.BLUELINE_TEST_NATS) : undefined;
  const deps = { openDatabase: () => db.reopen(), ...(options.clock ? { clock: options.clock } : {}), ...(nats ? { bus: nats.bus } : {}) };
  const init = await initHub(config, deps);
  const ctx = await createHubContext(config, deps);
  const app = await buildHubApp(ctx, { logger: false });

  const call = (token: string | null, request: InjectOptions) =>
    app.inject({ ...request, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...request.headers } });

  const login = async (username: string, password: string): Promise<string> => {
    const res = await call(null, { method: 'POST', url: '/api/v1/session', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.body}`);
    const { token, user } = res.json<{ token: string; user: { mustChangePassword: boolean } }>();
    if (user.mustChangePassword && password !== TEST_PASSWORD) {
      const changed = await call(token, { method: 'PUT', url: '/api/v1/session/password', payload: { currentPassword: password, newPassword: TEST_PASSWORD } });
      if (changed.statusCode !== 204) throw new Error(`password change of ${username} failed: ${changed.body}`);
    }
    return token;
  };

  const adminToken = await login(init.adminUsername, init.adminPassword);
  let nodeApp: HubApp | null = null;
  let nodeUrl = '';
  if (options.nodePort) {
    nodeApp = await buildHubApp(ctx, { logger: false, nodePort: await nodePortTls(ctx.ca, ['localhost', '127.0.0.1'], ctx.clock.now()) });
    await nodeApp.listen({ host: '127.0.0.1', port: 0 });
    const address = nodeApp.server.address();
    nodeUrl = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  const enrolmentToken = async (orgId: string): Promise<string> => {
    const res = await call(adminToken, { method: 'POST', url: `/api/v1/organisations/${orgId}/enrolment-tokens` });
    if (res.statusCode !== 201) throw new Error(`enrolment token for ${orgId}: ${res.body}`);
    return res.json<{ token: string }>().token;
  };
  return {
    app, ctx, db, config, adminToken, call, login, nodeUrl, nodeApp, enrolmentToken,
    close: async () => {
      await nodeApp?.close();
      await app.close();
      await ctx.close();
      await nats?.removeStream();
      await db.cleanup();
    },
  };
}
