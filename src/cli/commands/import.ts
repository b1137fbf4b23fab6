import { loadConfig } from '../../config/load.js';
import { systemClock } from '../../core/clock.js';
import { csvDocuments, csvFieldName } from '../../documents/import/columns.js';
import { importDocuments } from '../../documents/import/importer.js';
import { ndjsonDocuments } from '../../documents/import/ndjson.js';
import type { EventBus } from '../../bus/bus.js';
import { DOCUMENT_CHANGE_TOPIC, indexedRange, type DocumentChange, type IndexedRange } from '../../documents/no-hit-index.js';
import type { TravelDocumentRow } from '../../storage/schema.js';
import { UsageError } from '../args.js';
import { countryFlag, formatOf, openImportTarget, ownerNcb, parseImportArgs, runImport } from './import-common.js';
import { importPersonsCommand } from './import-persons.js';

/** blueline import documents|persons FILE: see IMPORT_HELP. */
export async function importCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'persons') return importPersonsCommand(rest, out);
  if (what !== 'documents') throw new UsageError(what === undefined ? 'say what to import: blueline import documents|persons FILE --country CC' : `cannot import "${what}"; only "documents" or "persons" (try blueline import --help)`);
  const { values, file } = parseImportArgs(rest);
  if (values.country === undefined) throw new UsageError('--country is required: the ISO 3166 alpha-2 code of the member country that owns the records (GB)');
  const country = countryFlag(values.country);
  const format = formatOf(file, values.format);

  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'] } });
  const target = await openImportTarget(config, file);
  let ncb: { id: string; name: string };
  try {
    ncb = await ownerNcb(target.database, country);
  } catch (error) {
    await target.close();
    throw error;
  }
  const { bus } = target;
  return runImport(target, {
    file, owner: `${ncb.name} (${country})`, out,
    unannounced: 'A running hub does not find these records until it is restarted: it builds its search index when it starts (with BLUELINE_NATS_URL set, hubs are told at once).',
  }, (onProgress) => importDocuments({
    database: target.database,
    audit: target.audit,
    clock: systemClock,
    owner: { ncbId: ncb.id, country },
    source: format === 'csv' ? csvDocuments(target.input) : ndjsonDocuments(target.input),
    onProgress,
    // Hubs sharing the NATS bus learn of each committed batch at once; without it they see the records at their next start.
    ...(bus ? { onImported: announcer(bus) } : {}),
    ...(format === 'csv' ? { fieldName: csvFieldName } : {}),
  }));
}

/** Tells the hubs on the bus of each committed batch, so their indexes find the records at once. */
function announcer(bus: EventBus): (rows: readonly TravelDocumentRow[]) => Promise<void> {
  return async (rows) => {
    const ranges = rows.map(indexedRange).filter((r): r is IndexedRange => r !== null);
    await bus.publish(DOCUMENT_CHANGE_TOPIC, { addedMany: rows.flatMap((r) => (r.ocr_key ? [r.ocr_key] : [])), ranges } satisfies DocumentChange);
  };
}
