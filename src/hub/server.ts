import { systemPrincipal } from '../access/principal.js';
import type { Config } from '../config/settings.js';
import { buildHubApp } from './app.js';
import { createHubContext, type HubContext, type HubDeps } from './context.js';
import type { HubApp } from './http/app-type.js';

export interface RunningHub {
  url: string;
  app: HubApp;
  ctx: HubContext;
  close(): Promise<void>;
}

/** Starts a hub: its context, its API listening, and the checkpoint schedule. */
export async function startHub(config: Config, deps: HubDeps = {}): Promise<RunningHub> {
  const ctx = await createHubContext(config, deps);
  let app: HubApp;
  try {
    app = await buildHubApp(ctx);
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await ctx.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const timer = config.checkpointInterval > 0 ? setInterval(() => void signIfGrown(ctx, app), config.checkpointInterval * 1000) : undefined;
  timer?.unref();
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    app,
    ctx,
    close: async () => {
      if (timer) clearInterval(timer);
      await app.close();
      await ctx.close();
    },
  };
}

/** Signs a checkpoint when the log has grown since the last one, so auditors always have a recent signed head. */
async function signIfGrown(ctx: HubContext, app: HubApp): Promise<void> {
  try {
    const [head, latest] = await Promise.all([ctx.audit.head(), ctx.audit.latestCheckpoint()]);
    if (latest && latest.size >= head.size) return;
    await ctx.database.transaction(async (trx) => {
      const cp = await ctx.audit.signCheckpoint(trx);
      await ctx.audit.record(trx, systemPrincipal('checkpoint', ctx.hubOrgId), { action: 'audit.checkpoint', resourceType: 'audit_log', details: { size: cp.size } });
    });
  } catch (error) {
    app.log.error({ err: error }, 'signing the scheduled audit checkpoint failed');
  }
}
