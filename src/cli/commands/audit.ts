import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { verifyAuditLog } from '../../audit/verify.js';
import { loadConfig } from '../../config/load.js';
import { hubFiles } from '../../hub/data-dir.js';
import { openDatabase } from '../../storage/open.js';
import { HUB_OPTIONS, UsageError, parse } from '../args.js';

const VERIFY_OPTIONS = { ...HUB_OPTIONS, checkpoint: { type: 'string' }, 'public-key': { type: 'string' } } as const;

export async function auditCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(`unknown audit command "${sub}"; try blueline audit --help`);
  const { values } = parse(rest, VERIFY_OPTIONS);
  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'] } });
  const publicKey = createPublicKey(await readFile(values['public-key'] ?? hubFiles(config.dataDir).signingPublicKey));
  const externalCheckpoint = values.checkpoint === undefined ? undefined : await readFile(values.checkpoint, 'utf8');
  const database = await openDatabase(config);
  try {
    const started = performance.now();
    const report = await verifyAuditLog(database, { origin: config.auditOrigin, publicKey, ...(externalCheckpoint === undefined ? {} : { externalCheckpoint }) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.problems.length === 0) {
      out(`audit log intact: ${report.entries} entries, ${report.checkpoints} signed checkpoints${externalCheckpoint ? ' and the given checkpoint' : ''} verified in ${seconds} s`);
      out(`root at ${report.entries}: ${report.root.toString('base64')}`);
      return 0;
    }
    out(`audit log NOT intact: ${report.problems.length}${report.problems.length >= 100 ? '+' : ''} problem(s) in ${report.entries} entries`);
    for (const p of report.problems) out(`  - ${p}`);
    return 1;
  } finally {
    await database.close();
  }
}
