import { readFileSync } from 'node:fs';
import { loadSettings, type LoadOptions } from '../config/load.js';
import { integer, oneOf, setting, SettingError, text as checkedText, type Parser, type Setting } from '../config/settings.js';

const text = checkedText();

const httpsUrl: Parser<string> = (raw) => {
  const s = text(raw);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new Error('must be a URL such as https://hub.example.org:8443');
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username) throw new Error('must be https://HOST[:PORT] with nothing after it');
  return url.origin;
};

const MiB = 1_048_576;

/**
 * Every setting of a member node, in one table like the hub's: environment
 * variable, key in an optional JSON file (--config or BLUELINE_NODE_CONFIG),
 * default and check. Precedence: flags, environment, file, defaults.
 */
export const NODE_SETTINGS = {
  dataDir: setting('BLUELINE_NODE_DATA_DIR', 'dataDir', './data/node', text, 'Folder holding the node\'s keys, certificate, configuration and SQLite database'),
  hubUrl: setting<string, undefined>('BLUELINE_NODE_HUB_URL', 'hubUrl', undefined, httpsUrl, 'The hub\'s node port (https://HOST:PORT); unset means the one the node enrolled with'),
  host: setting('BLUELINE_NODE_HOST', 'host', '127.0.0.1', text, 'Address the node\'s API listens on (keep it on loopback or a private network)'),
  port: setting('BLUELINE_NODE_API_PORT', 'port', 8450, integer(0, 65535), 'Port the node\'s API listens on (0 picks a free one)'),
  passphraseFile: setting<string, undefined>('BLUELINE_NODE_PASSPHRASE_FILE', 'passphraseFile', undefined, text, 'File holding the passphrase the node\'s private keys are encrypted with; unset means they are not'),
  bodyLimit: setting('BLUELINE_NODE_BODY_LIMIT', 'bodyLimit', 24 * MiB, integer(64 * 1024, 64 * MiB), 'Largest accepted request body, in bytes (attachments travel base64 inside it)'),
  maxAttachments: setting('BLUELINE_NODE_MAX_ATTACHMENTS', 'maxAttachments', 20, integer(0, 100), 'Most attachments one message may carry'),
  maxAttachmentBytes: setting('BLUELINE_NODE_MAX_ATTACHMENT_BYTES', 'maxAttachmentBytes', 16 * MiB, integer(0, 24 * MiB), 'Largest total size of one message\'s attachments, decoded, in bytes'),
  maxBodyChars: setting('BLUELINE_NODE_MAX_BODY_CHARS', 'maxBodyChars', 1_000_000, integer(1, 4 * MiB), 'Longest message body, in characters'),
  sessionTtl: setting('BLUELINE_NODE_SESSION_TTL', 'sessionTtl', 12 * 3600, integer(60, 7 * 24 * 3600), 'Login session lifetime at the node, in seconds'),
  sessionIdle: setting('BLUELINE_NODE_SESSION_IDLE', 'sessionIdle', 3600, integer(60, 7 * 24 * 3600), 'A node session unused this many seconds ends'),
  loginMaxFailures: setting('BLUELINE_NODE_LOGIN_MAX_FAILURES', 'loginMaxFailures', 5, integer(1, 1000), 'Failed logins per username (and per address x4) before login is refused for the window'),
  loginWindow: setting('BLUELINE_NODE_LOGIN_WINDOW', 'loginWindow', 900, integer(1, 86_400), 'The login rate-limit window, in seconds'),
  scryptCost: setting('BLUELINE_NODE_SCRYPT_COST', 'scryptCost', 17, integer(10, 20), 'scrypt cost for new password hashes, as log2(N)'),
  inboxWait: setting('BLUELINE_NODE_INBOX_WAIT', 'inboxWait', 25, integer(0, 25), 'Seconds the hub may hold an inbox long poll open'),
  hubTimeout: setting('BLUELINE_NODE_HUB_TIMEOUT', 'hubTimeout', 30, integer(1, 600), 'Seconds to wait for the hub to answer a request (the long poll adds its wait)'),
  retryMax: setting('BLUELINE_NODE_RETRY_MAX', 'retryMax', 30, integer(1, 3600), 'Longest pause between two attempts to reach the hub, in seconds (retries start at 0.2 s and double)'),
  directoryTtl: setting('BLUELINE_NODE_DIRECTORY_TTL', 'directoryTtl', 300, integer(0, 7 * 86_400), 'Seconds the hub\'s answer on who an audience reaches, and their keys, is used without asking again'),
  sqliteSynchronous: setting('BLUELINE_NODE_SQLITE_SYNCHRONOUS', 'sqliteSynchronous', 'full' as const, oneOf('full', 'normal'), 'full: an accepted message survives power loss; normal: it survives a crash of the process'),
  logLevel: setting('BLUELINE_NODE_LOG_LEVEL', 'logLevel', 'info' as const, oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'Log level'),
} as const;

export type NodeConfig = {
  -readonly [K in keyof typeof NODE_SETTINGS]: (typeof NODE_SETTINGS)[K] extends Setting<infer T, infer D> ? (undefined extends D ? T | undefined : T) : never;
};

/** Builds a node's config: overrides (flags) > environment > JSON file > defaults; a bad value names its setting. */
export function loadNodeConfig(options: LoadOptions<NodeConfig> = {}): NodeConfig {
  return loadSettings<NodeConfig>(NODE_SETTINGS, 'BLUELINE_NODE_CONFIG', options);
}

/** The passphrase in a file, without its final line break. */
export function readPassphraseFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SettingError('BLUELINE_NODE_PASSPHRASE_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (passphrase === '') throw new SettingError('BLUELINE_NODE_PASSPHRASE_FILE', `${file} is empty`);
  return passphrase;
}
