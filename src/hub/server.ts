import { systemPrincipal } from '../access/principal.js';
import type { Config } from '../config/settings.js';
import type { Server } from 'node:tls';
import { buildHubApp } from './app.js';
import { nodePortTls, SERVER_CERT_RENEW_DAYS, type NodePortTls } from './node-port/tls.js';
import { createHubContext, type HubContext, type HubDeps } from './context.js';
import type { HubApp } from './http/app-type.js';

export interface RunningHub {
  url: string;
  /** Where member nodes connect: TLS 1.3 with client certificates. */
  nodeUrl: string;
  app: HubApp;
  nodeApp: HubApp;
  ctx: HubContext;
  close(): Promise<void>;
}

/** Starts a hub: its context, its API listening, and the checkpoint schedule. */
export async function startHub(config: Config, deps: HubDeps = {}): Promise<RunningHub> {
  const ctx = await createHubContext(config, deps);
  let app: HubApp | undefined;
  let nodeApp: HubApp | undefined;
  let tls: NodePortTls;
  try {
    app = await buildHubApp(ctx);
    await app.listen({ host: config.host, port: config.port });
    tls = await nodePortTls(ctx.ca, config.nodeHostnames.split(','), ctx.clock.now());
    nodeApp = await buildHubApp(ctx, { nodePort: tls });
    await nodeApp.listen({ host: config.host, port: config.nodePort });
  } catch (error) {
    await app?.close();
    await nodeApp?.close();
    await ctx.close();
    throw error;
  }
  const web = app;
  const nodes = nodeApp;
  const timer = config.checkpointInterval > 0 ? setInterval(() => void signIfGrown(ctx, web), config.checkpointInterval * 1000) : undefined;
  timer?.unref();
  // The node port's own certificate is short-lived; a long-running hub swaps in a fresh one without dropping connections.
  const renewal = setInterval(() => void renewNodePortCertificate(), 12 * 3_600_000);
  renewal.unref();
  async function renewNodePortCertificate(): Promise<void> {
    const now = ctx.clock.now();
    if (tls.notAfter.getTime() - now.getTime() > SERVER_CERT_RENEW_DAYS * 86_400_000) return;
    try {
      tls = await nodePortTls(ctx.ca, config.nodeHostnames.split(','), now);
      (nodes.server as unknown as Server).setSecureContext(tls);
    } catch (error) {
      nodes.log.error({ err: error }, 'renewing the node port certificate failed');
    }
  }
  return {
    url: urlOf('http', config.host, web),
    nodeUrl: urlOf('https', config.host, nodes),
    app: web,
    nodeApp: nodes,
    ctx,
    close: async () => {
      if (timer) clearInterval(timer);
      clearInterval(renewal);
      await Promise.all([web.close(), nodes.close()]);
      await ctx.close();
    },
  };
}

function urlOf(scheme: 'http' | 'https', host: string, app: HubApp): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
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
