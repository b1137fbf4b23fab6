import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeApp } from './types.js';

/** Where the console is served; `/` sends a browser there. */
export const CONSOLE_PATH = '/console/';

/** The console's files: plain HTML, CSS and ES modules, no build step (decision 0007). */
export const CONSOLE_ROOT = fileURLToPath(new URL('../../../web/console/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Only the console's own files, no inline script or style, no frames: message
 * text from other agencies is untrusted, and this is the second line of
 * defence behind the console writing it as text only.
 */
export const CONSOLE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-cache',
} as const;

interface ConsoleFile { body: Buffer; contentType: string; etag: string }

/** Every servable file under `root`, by its URL path below /console/; anything else is not served. */
async function loadFiles(root: string): Promise<Map<string, ConsoleFile>> {
  const files = new Map<string, ConsoleFile>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      const contentType = CONTENT_TYPES[extname(entry.name)];
      if (!entry.isFile() || !contentType) continue;
      const body = await readFile(path);
      files.set(relative(root, path).split(sep).join('/'), { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
    }
  };
  await walk(root);
  return files;
}

/**
 * The web console at /console/: a handful of static files read once at start
 * and served from memory, public (the console signs in through the API).
 */
export async function consoleRoute(app: NodeApp, root: string = CONSOLE_ROOT): Promise<void> {
  const files = await loadFiles(root);
  const config = { public: true };
  const schema = { hide: true };

  app.get('/', { config, schema }, async (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  app.get('/console', { config, schema }, async (_request, reply) => reply.redirect(CONSOLE_PATH, 301));
  app.get('/console/*', { config, schema }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'] || 'index.html';
    const file = files.get(path);
    reply.headers(SECURITY_HEADERS);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    reply.header('etag', file.etag);
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.contentType).send(file.body);
  });
}
