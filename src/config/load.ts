import { readFileSync } from 'node:fs';
import { SETTINGS, SettingError, type Config, type Setting } from './settings.js';

/**
 * Builds the config from, in order of precedence: explicit overrides (command
 * line), environment variables, the JSON config file named by BLUELINE_CONFIG
 * or --config, and defaults. Throws a SettingError naming the first bad setting.
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; file?: string | undefined; overrides?: Partial<Record<keyof Config, unknown>> } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.BLUELINE_CONFIG;
  const fromFile = file ? readConfigFile(file) : {};
  const known = new Set(Object.values(SETTINGS).map((s: Setting<unknown>) => s.key));
  for (const key of Object.keys(fromFile)) {
    if (!known.has(key)) throw new SettingError(`${file}: ${key}`, 'is not a known setting');
  }
  const config: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(SETTINGS) as [keyof Config, Setting<unknown>][]) {
    const [raw, source] =
      options.overrides?.[name] !== undefined ? [options.overrides[name], `--${name}`]
      : env[s.env] !== undefined && env[s.env] !== '' ? [env[s.env], s.env]
      : fromFile[s.key] !== undefined ? [fromFile[s.key], `${file}: ${s.key}`]
      : [undefined, s.env];
    if (raw === undefined) {
      config[name] = s.default;
      continue;
    }
    try {
      config[name] = s.parse(raw);
    } catch (error) {
      throw new SettingError(source, `${(error as Error).message} (got ${JSON.stringify(raw)})`);
    }
  }
  return config as Config;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SettingError('BLUELINE_CONFIG', `cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SettingError('BLUELINE_CONFIG', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SettingError('BLUELINE_CONFIG', `${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
