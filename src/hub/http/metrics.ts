import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for one hub app; a registry of its own so several apps can live in one process. */
export function installMetrics(app: FastifyInstance, gauges: { auditSize: () => Promise<number> }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'blueline_' });
  const requests = new Counter({
    name: 'blueline_http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'blueline_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route',
    labelNames: ['route', 'method'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'blueline_audit_log_size',
    help: 'Entries in the audit log',
    registers: [registry],
    async collect() {
      this.set(await gauges.auditSize());
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    duration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
