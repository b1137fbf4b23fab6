import { loadConfig } from '../../config/load.js';
import { systemClock } from '../../core/clock.js';
import { announcePersons } from '../../persons/import/announce.js';
import { importPersons, type ImportOwner } from '../../persons/import/importer.js';
import { ndjsonPersons } from '../../persons/import/ndjson.js';
import { UsageError } from '../args.js';
import { countryFlag, formatOf, openImportTarget, ownerNcb, parseImportArgs, runImport } from './import-common.js';

/** blueline import persons FILE [--country CC]: see IMPORT_HELP. */
export async function importPersonsCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, file } = parseImportArgs(args);
  const country = values.country === undefined ? undefined : countryFlag(values.country);
  if (formatOf(file, values.format) !== 'ndjson') {
    throw new UsageError('persons are imported from NDJSON (a person\'s names, documents and marks are lists, which CSV cells do not hold); give a .ndjson or .jsonl file, or --format ndjson');
  }
  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'] } });
  const target = await openImportTarget(config, file);
  let owner: ImportOwner | undefined;
  let ownerText = 'the owner countries the lines name';
  if (country !== undefined) {
    try {
      const ncb = await ownerNcb(target.database, country);
      owner = { ncbId: ncb.id, country };
      ownerText = `${ncb.name} (${country})`;
    } catch (error) {
      await target.close();
      throw error;
    }
  }
  const { bus } = target;
  return runImport(target, {
    file, owner: ownerText, out,
    unannounced: 'A running hub does not screen against these persons until it is restarted: it builds its name index when it starts (with BLUELINE_NATS_URL set, hubs are told at once).',
  }, (onProgress) => importPersons({
    database: target.database,
    audit: target.audit,
    clock: systemClock,
    ...(owner ? { owner } : {}),
    source: ndjsonPersons(target.input),
    onProgress,
    // Hubs sharing the NATS bus put each committed batch in their name index at once.
    ...(bus ? { onImported: (persons) => announcePersons(bus, persons) } : {}),
  }));
}
