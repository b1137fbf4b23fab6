/**
 * Every setting Blueline reads, in one table: the environment variable, the
 * key in an optional JSON config file, its default and how it is checked.
 * The README's configuration table is this table.
 */
export interface Setting<T, D extends T | undefined = T | undefined> {
  env: string;
  key: string;
  description: string;
  default: D;
  parse(raw: unknown): T;
}

export class SettingError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'SettingError';
  }
}

export type Parser<T> = (raw: unknown) => T;

export const text = (check?: (s: string) => string | null): Parser<string> => (raw) => {
  if (typeof raw !== 'string' || raw.trim() === '') throw new Error('must be a non-empty string');
  const problem = check?.(raw);
  if (problem) throw new Error(problem);
  return raw;
};

export const integer = (min: number, max: number): Parser<number> => (raw) => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`must be a whole number from ${min} to ${max}`);
  return n;
};

export const oneOf = <T extends string>(...values: T[]): Parser<T> => (raw) => {
  if (typeof raw !== 'string' || !values.includes(raw as T)) throw new Error(`must be one of: ${values.join(', ')}`);
  return raw as T;
};

export function setting<T, D extends T | undefined>(env: string, key: string, defaultValue: D, parse: Parser<T>, description: string): Setting<T, D> {
  return { env, key, default: defaultValue, parse, description };
}

export const SETTINGS = {
  dataDir: setting('BLUELINE_DATA_DIR', 'dataDir', './data/hub', text(), 'Folder holding the hub\'s keys, certificate authority and SQLite database'),
  databaseUrl: setting<string, undefined>('DATABASE_URL', 'databaseUrl', undefined,
    text((s) => (/^postgres(ql)?:\/\//.test(s) ? null : 'must be a postgres:// URL; leave it unset for embedded SQLite')),
    'PostgreSQL connection URL; unset means SQLite in the data folder'),
  natsUrl: setting<string, undefined>('BLUELINE_NATS_URL', 'natsUrl', undefined,
    text((s) => (/^(nats|tls):\/\//.test(s) ? null : 'must be a nats:// URL; leave it unset for one hub process')),
    'NATS JetStream server linking hub processes that share one PostgreSQL; unset means one process'),
  host: setting('BLUELINE_HOST', 'host', '127.0.0.1', text(), 'Address the hub API listens on'),
  port: setting('BLUELINE_PORT', 'port', 8440, integer(0, 65535), 'Port the hub API listens on (0 picks a free one)'),
  nodePort: setting('BLUELINE_NODE_PORT', 'nodePort', 8443, integer(0, 65535), 'Port member nodes connect to: TLS 1.3 with client certificates (0 picks a free one)'),
  nodeHostnames: setting('BLUELINE_NODE_HOSTNAMES', 'nodeHostnames', 'localhost,127.0.0.1',
    text((s) => (/^[\w.:-]+(,[\w.:-]+)*$/.test(s) ? null : 'must be a comma-separated list of host names or IP addresses')),
    'Names and addresses in the hub\'s certificate for the node port'),
  nodeCertDays: setting('BLUELINE_NODE_CERT_DAYS', 'nodeCertDays', 365, integer(1, 825), 'Days a member node\'s certificate is valid'),
  enrolmentTokenHours: setting('BLUELINE_ENROLMENT_TOKEN_HOURS', 'enrolmentTokenHours', 24, integer(1, 720), 'Hours an enrolment token can be used'),
  networkName: setting('BLUELINE_NETWORK_NAME', 'networkName', 'Blueline Sandbox',
    text((s) => (s.length <= 64 && /^[\w .-]+$/.test(s) ? null : 'must be at most 64 letters, digits, spaces, dots or hyphens')),
    'Name of the network, used in the certificate authority\'s name'),
  auditOrigin: setting('BLUELINE_AUDIT_ORIGIN', 'auditOrigin', 'blueline.local/audit',
    text((s) => (/^[\x21-\x7e]+$/.test(s) && !s.includes('+') ? null : 'must be printable ASCII without spaces or +')),
    'Origin line and key name of signed audit checkpoints'),
  bodyLimit: setting('BLUELINE_BODY_LIMIT', 'bodyLimit', 1_048_576, integer(1024, 64 * 1_048_576), 'Largest accepted request body, in bytes'),
  sessionTtl: setting('BLUELINE_SESSION_TTL', 'sessionTtl', 12 * 3600, integer(60, 7 * 24 * 3600), 'Login session lifetime, in seconds'),
  sessionIdle: setting('BLUELINE_SESSION_IDLE', 'sessionIdle', 3600, integer(60, 7 * 24 * 3600), 'A session unused this many seconds ends'),
  loginMaxFailures: setting('BLUELINE_LOGIN_MAX_FAILURES', 'loginMaxFailures', 5, integer(1, 1000), 'Failed logins per username (and per client address x4) before login is refused for the window'),
  loginWindow: setting('BLUELINE_LOGIN_WINDOW', 'loginWindow', 900, integer(1, 86_400), 'The login rate-limit window, in seconds'),
  scryptCost: setting('BLUELINE_SCRYPT_COST', 'scryptCost', 17, integer(10, 20), 'scrypt cost for new password hashes, as log2(N)'),
  checkpointInterval: setting('BLUELINE_CHECKPOINT_INTERVAL', 'checkpointInterval', 60, integer(0, 86_400), 'Seconds between signed audit checkpoints when the log grew (0: only on request)'),
  caseDeadlineUrgent: setting('BLUELINE_CASE_DEADLINE_URGENT', 'caseDeadlineUrgent', 4 * 3600, integer(60, 30 * 86_400), 'Seconds an NCB has to answer an urgent follow-up case (a hit at a border)'),
  caseDeadlineRoutine: setting('BLUELINE_CASE_DEADLINE_ROUTINE', 'caseDeadlineRoutine', 72 * 3600, integer(60, 90 * 86_400), 'Seconds an NCB has to answer a routine follow-up case'),
  sqliteSynchronous: setting('BLUELINE_SQLITE_SYNCHRONOUS', 'sqliteSynchronous', 'full' as const, oneOf('full', 'normal'), 'full: an acknowledged write survives power loss; normal: it survives a crash of the process'),
  logLevel: setting('BLUELINE_LOG_LEVEL', 'logLevel', 'info' as const, oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'Log level'),
} as const;

export type Config = {
  -readonly [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K] extends Setting<infer T, infer D> ? (undefined extends D ? T | undefined : T) : never;
};
