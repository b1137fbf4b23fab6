import { SettingError } from '../config/settings.js';
import { UsageError } from './args.js';
import { NotInitialisedError, AlreadyInitialisedError } from './errors.js';
import { AUDIT_HELP, HUB_HELP, IMPORT_HELP, NODE_HELP, SANDBOX_HELP } from './help.js';

const HELP = `blueline — a secure information-exchange network for police organisations

Usage: blueline <command> [options]

Commands:
  sandbox         a hub on this machine with embedded storage (what "npm start" runs)
  hub             run the hub; "hub init" makes a new hub's data folder
  node            run a member node; "node enrol" joins it to a hub
  audit verify    re-check the audit log and its signed checkpoints
  import          bulk-load records: "import documents FILE --country CC", "import persons FILE"

"blueline <command> --help" tells more.`;

type Command = (args: string[], out: (line: string) => void) => Promise<number>;

/** Commands load on demand, so asking one for help does not start the others' dependencies. */
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  sandbox: { load: async () => (await import('./commands/sandbox.js')).sandboxCommand, help: SANDBOX_HELP },
  hub: { load: async () => (await import('./commands/hub.js')).hubCommand, help: HUB_HELP },
  audit: { load: async () => (await import('./commands/audit.js')).auditCommand, help: AUDIT_HELP },
  import: { load: async () => (await import('./commands/import.js')).importCommand, help: IMPORT_HELP },
  node: { load: async () => (await import('./commands/node.js')).nodeCommand, help: NODE_HELP },
};

function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

async function main(argv: string[]): Promise<number> {
  const out = (line: string) => void process.stdout.write(`${line}\n`);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return (out(HELP), name === undefined ? 2 : 0);
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (wantsHelp(args) || (args.length === 0 && (name === 'audit' || name === 'import'))) return (out(command.help), 0);
  return (await command.load())(args, out);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const expected = error instanceof UsageError || error instanceof SettingError || error instanceof NotInitialisedError || error instanceof AlreadyInitialisedError;
    process.stderr.write(`blueline: ${expected ? (error).message : String((error as Error).stack ?? error)}\n`);
    if (error instanceof UsageError) process.stderr.write('try "blueline --help"\n');
    process.exit(expected ? 2 : 1);
  },
);
