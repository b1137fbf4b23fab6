import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

describe('config', () => {
  it('has defaults that need no environment', () => {
    const config = loadConfig({ env: {} });
    expect(config.port).toBe(8440);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('names the bad setting and the value it got', () => {
    expect(() => loadConfig({ env: { BLUELINE_PORT: 'eighty' } })).toThrow(/^BLUELINE_PORT: must be a whole number from 0 to 65535 \(got "eighty"\)/);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrow(/^DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ env: { BLUELINE_SQLITE_SYNCHRONOUS: 'off' } })).toThrow(/BLUELINE_SQLITE_SYNCHRONOUS: must be one of: full, normal/);
  });

  it('reads a JSON config file, with the environment taking precedence', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blueline-config-')), 'hub.json');
    writeFileSync(file, JSON.stringify({ port: 9000, host: '0.0.0.0' }));
    const config = loadConfig({ env: { BLUELINE_CONFIG: file, BLUELINE_HOST: '127.0.0.2' } });
    expect(config.port).toBe(9000);
    expect(config.host).toBe('127.0.0.2');
  });

  it('refuses unknown keys and bad values in the config file, naming the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'blueline-config-')), 'hub.json');
    writeFileSync(file, JSON.stringify({ prot: 9000 }));
    expect(() => loadConfig({ env: {}, file })).toThrow(`${file}: prot: is not a known setting`);
    writeFileSync(file, JSON.stringify({ port: -1 }));
    expect(() => loadConfig({ env: {}, file })).toThrow(`${file}: port: must be a whole number`);
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ env: {}, file })).toThrow(/is not valid JSON/);
  });
});
