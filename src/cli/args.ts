import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** Options every command that runs against a hub's data accepts. */
export const HUB_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
