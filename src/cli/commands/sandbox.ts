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
import { parse } from '../args.js';
import { waitForShutdown } from '../shutdown.js';

const OPTIONS = { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const FIRST_LOGIN_FILE = 'first-login.txt';

export async function sandboxCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parse(args, OPTIONS);
  const root = values['data-dir'] ?? './data/sandbox';
  // The sandbox is always embedded storage on loopback, whatever the environment says.
  const config = loadConfig({ env: {}, overrides: { dataDir: join(root, 'hub'), port: values.port ?? process.env.BLUELINE_PORT, host: '127.0.0.1', logLevel: process.env.BLUELINE_LOG_LEVEL ?? 'warn' } });
  const firstLogin = join(root, FIRST_LOGIN_FILE);
  if (!existsSync(hubFiles(config.dataDir).signingKey)) {
    out(`Making a new sandbox network in ${root} ...`);
    const init = await initHub(config);
    // Kept for the sandbox only, so a restart can show it again until it has been changed.
    await writeSecretFile(firstLogin, `${init.adminUsername}\n${init.adminPassword}\n`);
  }
  const hub = await startHub(config);
  const [username, password] = existsSync(firstLogin) ? (await readFile(firstLogin, 'utf8')).split('\n') : [];
  const admin = username ? await userStore.credentialsByUsername(hub.ctx.database.db, username) : undefined;
  out('');
  out('Blueline sandbox is running');
  out(`  hub API          ${hub.url}/api/v1`);
  out(`  API docs         ${hub.url}${API_DOCS_PATH}`);
  out(`  metrics          ${hub.url}/metrics`);
  if (admin && admin.must_change_password === 1) {
    out(`  first login      username "${username}", password "${password}"`);
    out('                   (you will be asked to choose a new password)');
    out('');
    out(`  try: curl -s -X POST ${hub.url}/api/v1/session -H 'content-type: application/json' \\`);
    out(`         -d '{"username":"${username}","password":"${password}"}'`);
  } else {
    out(`  login            as "admin" with the password you chose`);
  }
  out('');
  out('Ctrl-C stops it; the data stays in ' + root);
  await waitForShutdown(() => hub.close());
  return 0;
}
