import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { writeSecretFile } from '../../crypto/secret-file.js';
import { API_DOCS_PATH } from '../../hub/app.js';
import { hubFiles } from '../../hub/data-dir.js';
import { initHub } from '../../hub/init.js';
import { startHub } from '../../hub/server.js';
import { userStore } from '../../registry/users/store.js';
import { seedSandbox, type SandboxCredentials } from '../../sandbox/seed.js';
import { parse } from '../args.js';
import { waitForShutdown } from '../shutdown.js';

const OPTIONS = { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const FIRST_LOGIN_FILE = 'first-logins.json';

type SandboxFile = SandboxCredentials & { admin: { username: string; password: string } };

export async function sandboxCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parse(args, OPTIONS);
  const root = values['data-dir'] ?? './data/sandbox';
  // The sandbox is always embedded storage on loopback, whatever the environment says.
  const config = loadConfig({ env: {}, overrides: { dataDir: join(root, 'hub'), port: values.port ?? process.env.BLUELINE_PORT, host: '127.0.0.1', logLevel: process.env.BLUELINE_LOG_LEVEL ?? 'warn' } });
  const firstLogin = join(root, FIRST_LOGIN_FILE);
  if (!existsSync(hubFiles(config.dataDir).signingKey)) {
    out(`Making a new sandbox network in ${root} ...`);
    const init = await initHub(config);
    const demo = await seedSandbox(config);
    // Kept for the sandbox only (owner-only file), so a restart can show the first logins again.
    await writeSecretFile(firstLogin, JSON.stringify({ admin: { username: init.adminUsername, password: init.adminPassword }, ...demo }, null, 2));
  }
  const hub = await startHub(config);
  const creds = existsSync(firstLogin) ? (JSON.parse(await readFile(firstLogin, 'utf8')) as SandboxFile) : undefined;
  out('');
  out('Blueline sandbox is running');
  out(`  hub API          ${hub.url}/api/v1`);
  out(`  API docs         ${hub.url}${API_DOCS_PATH}`);
  out(`  metrics          ${hub.url}/metrics`);
  if (creds) {
    out('');
    out('  first logins (each is asked to choose a new password):');
    for (const [who, c] of [['hub administrator', creds.admin], ['NCB United Kingdom', creds.gbOperator], ['NCB France', creds.frOperator]] as const) {
      const user = await userStore.credentialsByUsername(hub.ctx.database.db, c.username);
      out(`    ${who.padEnd(20)} ${c.username.padEnd(12)} ${user?.must_change_password === 1 ? c.password : '(password already changed)'}`);
    }
    out('');
    out('  a border check, as the eGates of Paris-CDG (API key), on a passport reported stolen by the UK:');
    out(`    curl -s ${hub.url}/api/v1/documents/search -H 'authorization: Bearer ${creds.borderKey}' \\`);
    out(`      -H 'content-type: application/json' -d '{"number":"${creds.stolenNumber}","issuingState":"GBR","location":"CDG-2E-eGate-12"}'`);
  }
  out('');
  out('Ctrl-C stops it; the data stays in ' + root);
  await waitForShutdown(() => hub.close());
  return 0;
}
