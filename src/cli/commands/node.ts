import { NodeKeysError } from '../../crypto/node-keys.js';
import { NODE_API_DOCS_PATH } from '../../node/api/app.js';
import { EnrolmentError, enrolNode } from '../../node/enrol.js';
import { NotEnrolledError } from '../../node/files.js';
import { startNode } from '../../node/server.js';
import { loadNodeConfig, readPassphraseFile } from '../../node/settings.js';
import { parse, UsageError } from '../args.js';
import { NotInitialisedError } from '../errors.js';
import { waitForShutdown } from '../shutdown.js';

const COMMON = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'passphrase-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const RUN_OPTIONS = { ...COMMON, host: { type: 'string' }, port: { type: 'string' } } as const;
const ENROL_OPTIONS = { ...COMMON, hub: { type: 'string' }, token: { type: 'string' } } as const;

export async function nodeCommand(args: string[], out: (line: string) => void): Promise<number> {
  try {
    return args[0] === 'enrol' ? await enrol(args.slice(1), out) : await run(args, out);
  } catch (error) {
    if (error instanceof NotEnrolledError || error instanceof NodeKeysError) throw new NotInitialisedError(error.message);
    if (error instanceof EnrolmentError) {
      process.stderr.write(`blueline: enrolment failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function run(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parse(args, RUN_OPTIONS);
  const config = loadNodeConfig({
    file: values.config,
    overrides: { dataDir: values['data-dir'], host: values.host, port: values.port, passphraseFile: values['passphrase-file'] },
  });
  const node = await startNode({ dataDir: config.dataDir, config });
  out(`Blueline node of ${node.orgId} listening on ${node.url} (data: ${config.dataDir})`);
  out(`API documentation: ${node.url}${NODE_API_DOCS_PATH}`);
  out(`Hub: ${node.ctx.hub.url} (mutual TLS 1.3; the node keeps working for reading while it is unreachable)`);
  await waitForShutdown(() => node.close());
  return 0;
}

async function enrol(args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parse(args, ENROL_OPTIONS);
  if (!values.hub) throw new UsageError('node enrol needs --hub https://HOST:PORT (the hub\'s node port)');
  if (!values.token) throw new UsageError('node enrol needs --token, the enrolment token from the hub administrator');
  const config = loadNodeConfig({ file: values.config, overrides: { dataDir: values['data-dir'], passphraseFile: values['passphrase-file'] } });
  const passphrase = config.passphraseFile ? readPassphraseFile(config.passphraseFile) : undefined;
  const enrolled = await enrolNode({ hubUrl: values.hub, token: values.token, dataDir: config.dataDir, passphrase, scryptCost: config.scryptCost });
  out(`Enrolled this node as ${enrolled.orgId} with ${enrolled.hubUrl}; its certificate is valid until ${enrolled.certificateNotAfter}.`);
  out(`Keys, certificate and database are in ${enrolled.dataDir}${passphrase ? ' (keys encrypted with the passphrase)' : ''}.`);
  out(`First administrator: ${enrolled.adminUsername}`);
  out(`First password (shown once, also in ${enrolled.firstLoginFile}; change it at first login): ${enrolled.adminPassword}`);
  out(`Start the node with: blueline node --data-dir ${enrolled.dataDir}${config.passphraseFile ? ` --passphrase-file ${config.passphraseFile}` : ''}`);
  return 0;
}
