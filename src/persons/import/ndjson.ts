/**
 * NDJSON for persons: one JSON object per line, as POST /api/v1/persons takes
 * it plus `reference` (and `ownerCountry`). The reading is the documents
 * import's: UTF-8 checked line by line, a broken line an error for that line.
 */
export { ndjsonDocuments as ndjsonPersons } from '../../documents/import/ndjson.js';
