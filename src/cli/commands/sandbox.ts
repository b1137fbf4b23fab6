import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { writeSecretFile } from '../../crypto/secret-file.js';
import { API_DOCS_PATH } from '../../hub/app.js';
import { hubFiles } from '../../hub/data-dir.js';
import { initHub } from '../../hub/init.js';
import { startHub } from '../../hub/server.js';
import { userStore } from '../../registry/users/store.js';
import { NODE_API_DOCS_PATH } from '../../node/api/app.js';
import { CONSOLE_PATH } from '../../node/api/console-route.js';
import { startSandboxNodes, type NodeLogins, type SandboxNode } from '../../sandbox/nodes.js';
import { seedSandbox, type SandboxCredentials } from '../../sandbox/seed.js';
import { parse } from '../args.js';
import { waitForShutdown } from '../shutdown.js';

const OPTIONS = { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const FIRST_LOGIN_FILE = 'first-logins.json';

type SandboxFile = SandboxCredentials & { admin: { username: string; password: string }; nodes?: NodeLogins };

/** From the hub API's port: the node port 3 above it and the member nodes' APIs 10 above; 0 makes every port a free one. */
function sandboxPorts(base: number) {
  return { nodePort: base === 0 ? 0 : base + 3, node: (i: number) => (base === 0 ? 0 : base + 10 + i) };
}

export async function sandboxCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parse(args, OPTIONS);
  const root = values['data-dir'] ?? './data/sandbox';
  // The sandbox is always embedded storage on loopback, whatever the environment says.
  const base = loadConfig({ env: {}, overrides: { dataDir: join(root, 'hub'), port: values.port ?? process.env.BLUELINE_PORT } }).port;
  const ports = sandboxPorts(base);
  const config = loadConfig({ env: {}, overrides: { dataDir: join(root, 'hub'), port: base, nodePort: ports.nodePort, host: '127.0.0.1', logLevel: process.env.BLUELINE_LOG_LEVEL ?? 'warn', scryptCost: process.env.BLUELINE_SCRYPT_COST } });
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
  const logins: NodeLogins = { ...creds?.nodes };
  let nodes: SandboxNode[];
  try {
    nodes = await startSandboxNodes(hub, root, ports.node, config.scryptCost, logins);
  } catch (error) {
    await hub.close();
    throw error;
  }
  if (creds && Object.keys(logins).length > Object.keys(creds.nodes ?? {}).length) {
    await rm(firstLogin);
    await writeSecretFile(firstLogin, JSON.stringify({ ...creds, nodes: logins }, null, 2));
  }
  out('');
  out('Blueline sandbox is running');
  out(`  hub API          ${hub.url}/api/v1`);
  out(`  API docs         ${hub.url}${API_DOCS_PATH}`);
  out(`  metrics          ${hub.url}/metrics`);
  out(`  node port        ${hub.nodeUrl} (mutual TLS 1.3; member nodes only)`);
  out('');
  out('  member nodes: the console in a browser, its first login (each with its own keys and data under ' + join(root, 'nodes') + '):');
  for (const { label, node, firstLogin: login } of nodes) {
    const who = login ? `${login.username.padEnd(8)} ${login.changed ? '(password already changed)' : login.password}` : '';
    out(`    ${label.padEnd(22)} ${`${node.url}${CONSOLE_PATH}`.padEnd(36)} ${who}`);
    out(`    ${''.padEnd(22)} API docs ${node.url}${NODE_API_DOCS_PATH}`);
  }
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
    out('');
    out('  a name screening, in Latin script, against a person the UK entered in Cyrillic under a red notice:');
    out(`    curl -s ${hub.url}/api/v1/persons/screen -H 'authorization: Bearer ${creds.borderKey}' \\`);
    out(`      -H 'content-type: application/json' -d '{"names":["IVANOV, Sergei"],"birthDate":"1971","location":"CDG-2E-eGate-12"}'`);
  }
  out('');
  out('Ctrl-C stops it; the data stays in ' + root);
  await waitForShutdown(async () => {
    await Promise.all(nodes.map((n) => n.node.close()));
    await hub.close();
  });
  return 0;
}
