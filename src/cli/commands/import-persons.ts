import { loadConfig } from '../../config/load.js';
import { systemClock } from '../../core/clock.js';
import { ImportFileError } from '../../documents/import/csv.js';
import { announcePersons } from '../../persons/import/announce.js';
import { importPersons, type ImportOwner, type ImportSummary } from '../../persons/import/importer.js';
import { ndjsonPersons } from '../../persons/import/ndjson.js';
import { UsageError } from '../args.js';
import { countryFlag, formatOf, openImportTarget, ownerNcb, parseImportArgs, ProgressLine, reportSummary } from './import-common.js';

/** blueline import persons FILE [--country CC]: see IMPORT_HELP. */
export async function importPersonsCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, file } = parseImportArgs(args);
  const country = values.country === undefined ? undefined : countryFlag(values.country);
  if (formatOf(file, values.format) !== 'ndjson') {
    throw new UsageError('persons are imported from NDJSON (a person\'s names, documents and marks are lists, which CSV cells do not hold); give a .ndjson or .jsonl file, or --format ndjson');
  }
  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'] } });
  const target = await openImportTarget(config, file);
  try {
    let owner: ImportOwner | undefined;
    let ownerText = 'the owner countries the lines name';
    if (country !== undefined) {
      const ncb = await ownerNcb(target.database, country);
      owner = { ncbId: ncb.id, country };
      ownerText = `${ncb.name} (${country})`;
    }
    const { bus } = target;
    const progress = new ProgressLine(process.stderr);
    const started = performance.now();
    let summary: ImportSummary;
    try {
      summary = await importPersons({
        database: target.database,
        audit: target.audit,
        clock: systemClock,
        ...(owner ? { owner } : {}),
        source: ndjsonPersons(target.input),
        onProgress: (p) => progress.update(p),
        // Hubs sharing the NATS bus put each committed batch in their name index at once.
        ...(bus ? { onImported: (persons) => announcePersons(bus, persons) } : {}),
      });
    } catch (error) {
      progress.end();
      if (!(error instanceof ImportFileError)) throw error;
      process.stderr.write(`blueline: ${file === '-' ? 'standard input' : file}: ${error.message}\nNothing was imported.\n`);
      return 2;
    }
    progress.end();
    reportSummary(summary, file === '-' ? 'standard input' : file, (performance.now() - started) / 1000, ownerText, out);
    if (summary.imported > 0 && !bus) out('A running hub does not screen against these persons until it is restarted: it builds its name index when it starts (with BLUELINE_NATS_URL set, hubs are told at once).');
    return summary.invalid > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}
