/** Help texts, kept apart from the commands so --help starts nothing heavy. */

export const HUB_HELP = `blueline hub — run the hub (the shared databases, registry, audit log and API)

Usage:
  blueline hub [--config FILE] [--data-dir DIR] [--host HOST] [--port PORT]
  blueline hub init [--config FILE] [--data-dir DIR]

  hub          start a hub whose data folder was made by "hub init"
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
