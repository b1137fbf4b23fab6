import { readFileSync } from 'node:fs';
import { SETTINGS, SettingError, type Config, type Setting } from './settings.js';

/**
 * Builds the config from, in order of precedence: explicit overrides (command
 * line), environment variables, the JSON config file named by BLUELINE_CONFIG
 * or --config, and defaults. Throws a SettingError naming the first bad setting.
 */
export function loadConfig(options: LoadOptions<Config> = {}): Config {
  return loadSettings<Config>(SETTINGS, 'BLUELINE_CONFIG', options);
}

export interface LoadOptions<C> {
  env?: NodeJS.ProcessEnv;
  file?: string | undefined;
  overrides?: Partial<Record<keyof C, unknown>>;
}

/** The same precedence for any table of settings (the hub's, a member node's); `fileVariable` names the config file. */
export function loadSettings<C>(table: Record<string, Setting<unknown>>, fileVariable: string, options: LoadOptions<C>): C {
  const env = options.env ?? process.env;
  const file = options.file ?? env[fileVariable];
  const fromFile = file ? readConfigFile(file, fileVariable) : {};
  const known = new Set(Object.values(table).map((s) => s.key));
  for (const key of Object.keys(fromFile)) {
    if (!known.has(key)) throw new SettingError(`${file}: ${key}`, 'is not a known setting');
  }
  const config: Record<string, unknown> = {};
  const overrides = (options.overrides ?? {}) as Record<string, unknown>;
  for (const [name, s] of Object.entries(table)) {
    const [raw, source] =
      overrides[name] !== undefined ? [overrides[name], `--${name}`]
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
  return config as C;
}

function readConfigFile(file: string, fileVariable: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SettingError(fileVariable, `cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SettingError(fileVariable, `${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SettingError(fileVariable, `${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
