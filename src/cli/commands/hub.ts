import { loadConfig } from '../../config/load.js';
import { initHub } from '../../hub/init.js';
import { startHub } from '../../hub/server.js';
import { API_DOCS_PATH } from '../../hub/app.js';
import { HUB_OPTIONS, parse } from '../args.js';
import { waitForShutdown } from '../shutdown.js';

const START_OPTIONS = { ...HUB_OPTIONS, host: { type: 'string' }, port: { type: 'string' }, 'node-port': { type: 'string' } } as const;

export async function hubCommand(args: string[], out: (line: string) => void): Promise<number> {
  if (args[0] === 'init') return hubInit(args.slice(1), out);
  const { values } = parse(args, START_OPTIONS);
  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'], host: values.host, port: values.port, nodePort: values['node-port'] } });
  const hub = await startHub(config);
  out(`Blueline hub listening on ${hub.url} (storage: ${hub.ctx.database.dialect})`);
  out(`API documentation: ${hub.url}${API_DOCS_PATH}`);
  out(`Member nodes connect to ${hub.nodeUrl} (TLS 1.3, client certificates)`);
  await waitForShutdown(() => hub.close());
  return 0;
}

async function hubInit(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parse(args, HUB_OPTIONS);
  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'] } });
  const result = await initHub(config);
  out(`Initialised a hub in ${config.dataDir} (storage: ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}).`);
  out(`First administrator: ${result.adminUsername}`);
  out(`First password (shown once; you must change it at first login): ${result.adminPassword}`);
  return 0;
}
