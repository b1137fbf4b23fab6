import type { Clock } from '../core/clock.js';
import { buildNodeApp } from './api/app.js';
import type { NodeApp } from './api/types.js';
import { createNodeContext, type NodeContext } from './context.js';
import { loadNodeConfig, readPassphraseFile, type NodeConfig } from './settings.js';

export interface RunningNode {
  /** The node's API, e.g. http://127.0.0.1:8450 */
  url: string;
  orgId: string;
  app: NodeApp;
  ctx: NodeContext;
  close(): Promise<void>;
}

export interface StartNodeOptions {
  dataDir: string;
  /** The API's port (0 picks a free one); default from the settings (8450). */
  port?: number;
  host?: string;
  /** Opens keys encrypted at enrolment; otherwise read from the settings' passphrase file, if any. */
  passphrase?: string;
  /** Any other node setting; the environment is not read (the CLI passes a config it loaded itself). */
  settings?: Partial<NodeConfig>;
  /** A complete config, as `blueline node` loads it (flags > environment > file > defaults). */
  config?: NodeConfig;
  clock?: Clock;
  logger?: boolean;
}

/**
 * Starts a member node: opens its keys and database, listens with its API,
 * and starts its link to the hub (outbox sender, inbox long poll, receipts,
 * certificate renewal). The API answers whether or not the hub does.
 */
export async function startNode(options: StartNodeOptions): Promise<RunningNode> {
  const config = options.config ?? loadNodeConfig({
    env: {},
    overrides: { ...options.settings, dataDir: options.dataDir, ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host !== undefined ? { host: options.host } : {}) },
  });
  if (options.config) {
    config.dataDir = options.dataDir;
    if (options.port !== undefined) config.port = options.port;
    if (options.host !== undefined) config.host = options.host;
  }
  const passphrase = options.passphrase ?? (config.passphraseFile ? readPassphraseFile(config.passphraseFile) : undefined);
  const ctx = await createNodeContext(config, { passphrase, ...(options.clock ? { clock: options.clock } : {}) });
  let app: NodeApp;
  try {
    app = await buildNodeApp(ctx, options.logger === undefined ? {} : { logger: options.logger });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await ctx.close();
    throw error;
  }
  ctx.startBackground(app.log);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    orgId: ctx.identity.orgId,
    app,
    ctx,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}
