/** Help texts, kept apart from the commands so --help starts nothing heavy. */

export const HUB_HELP = `blueline hub — run the hub (the shared databases, registry, audit log and API)

Usage:
  blueline hub [--config FILE] [--data-dir DIR] [--host HOST] [--port PORT] [--node-port PORT]
  blueline hub init [--config FILE] [--data-dir DIR]

  hub          start a hub whose data folder was made by "hub init": the API
               on --port, and on --node-port the mutual-TLS port member nodes use
  hub init     make a new hub's data folder: its signing key, the network's
               root certificate authority, the database, one NCB per INTERPOL
               member country, and a first administrator (printed once)

Settings come from the environment and an optional JSON file (--config or
BLUELINE_CONFIG); see the README's configuration table.`;

export const AUDIT_HELP = `blueline audit — check the audit log

Usage:
  blueline audit verify [--config FILE] [--data-dir DIR] [--checkpoint FILE] [--public-key FILE]

  verify    re-checks every entry, every tree node, the head and every signed
            checkpoint of the hub's audit log; with --checkpoint, also that a
            checkpoint saved earlier (GET /api/v1/audit/checkpoint) is still
            part of the log. Exits 0 when all is intact, 1 when not.

  --public-key FILE   the hub's checkpoint key (PEM); defaults to the data
                      folder's hub-signing.pub`;

export const SANDBOX_HELP = `blueline sandbox — a whole network on this machine, for trying Blueline out

Usage:
  blueline sandbox [--data-dir DIR] [--port PORT]

Starts a hub on embedded SQLite under DIR (default ./data/sandbox), making it
on first run, and prints where it listens and how to log in the first time.
Stop it with Ctrl-C; start it again and it carries on with the same data.
Delete the folder to start afresh.`;

export const IMPORT_HELP = `blueline import — load records into the hub's databases in bulk

Usage:
  blueline import documents FILE --country CC [--format csv|ndjson] [--config FILE] [--data-dir DIR]
  blueline import persons FILE [--country CC] [--format ndjson] [--config FILE] [--data-dir DIR]

  documents    stolen and lost travel documents, owned by the NCB of --country
  persons      person records (NDJSON only), owned by the NCB of --country;
               without --country each line names its ownerCountry
  FILE         a CSV or NDJSON file in UTF-8; "-" reads standard input
  --country    ISO 3166 alpha-2 code of the member country that owns the records (GB)
  --format     csv or ndjson; by default from the file name (.csv, .ndjson, .jsonl)

CSV (RFC 4180; commas, quotes and line breaks inside "quoted" fields) starts
with a header row naming its columns, in any order:
  issuing_state, document_type, status        required
  number                                      or range_from and range_to (stolen blanks)
  event_date, event_place, circumstances, holder_name, holder_birth_date,
  holder_nationality, issued_on, expires_on, review_date, visibility,
  visible_countries (codes separated by ";", with visibility "countries")
An unknown column refuses the file; an empty cell is left out. NDJSON holds
one JSON object per line, as POST /api/v1/documents takes it.

A persons NDJSON line is a POST /api/v1/persons body plus "reference" (your
own case or file number for the person, required, unique per country) and
optionally "ownerCountry" (with --country, a line naming another country is
refused: an NCB imports its own country's persons only):
  {"reference":"GB-2024-0042","names":[{"family":"Smith","given":"John"}],"birthDate":"1970-01-02"}
A reference already imported with the same particulars is skipped as already
present; under another person's particulars it is refused
(person.reference_conflict): an import creates records, it never changes them.

Every row is checked as the API checks it. A bad row is reported with its
line number and the others are imported; no row is ever half-written. A row
the country already has (same issuing state and number, or the same blank
range), or one repeated in the file, is skipped as already present: running
a file again, for instance after an interruption, imports only what is
missing. Progress goes to stderr; the summary and errors to stdout.

Exit status: 0 every row imported or already present; 1 some rows invalid
(the first 1,000 listed with their line numbers); 2 a usage error, or a file
that cannot be read at all (missing, no header, an unknown column).

Hubs on a NATS bus (BLUELINE_NATS_URL) are told of each committed batch at
once; otherwise a running hub finds the imported records after a restart, as
it builds its search index when it starts.`;

export const NODE_HELP = `blueline node — run a member node (an agency's own keys, inbox, outbox and API)

Usage:
  blueline node enrol --hub https://HOST:PORT --token T [--data-dir DIR] [--passphrase-file F] [--config FILE]
  blueline node [--data-dir DIR] [--host HOST] [--port PORT] [--passphrase-file F] [--config FILE]

  node enrol   join the network: makes the node's keys here (TLS, signing,
               encryption), reaches the hub's node port trusting only the root
               the token pins, and writes DIR (default ./data/node): keys
               (0600; encrypted when a passphrase file is given), certificate,
               root, node.json and a database with a first administrator,
               whose password is printed once and kept in first-login.txt (0600)
  node         run an enrolled node: its API on HOST:PORT (default
               127.0.0.1:8450) and its mutual-TLS link to the hub, which sends
               the outbox, receives the inbox and passes receipts

Settings come from the environment (BLUELINE_NODE_*) and an optional JSON file
(--config or BLUELINE_NODE_CONFIG); see the README's node settings table.`;
