import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/**
 * The shared data folder (`../shared/data` beside the repository). A clone
 * somewhere else finds it through BLUELINE_SHARED_DIR, or at /work/shared
 * where the project's machines keep it.
 */
export function sharedDataDir(): string {
  const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const candidates = [process.env.BLUELINE_SHARED_DIR, join(repo, '..', 'shared'), '/work/shared'].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'data')));
  if (!found) throw new Error(`the shared data folder is missing; looked in ${candidates.join(', ')} (set BLUELINE_SHARED_DIR)`);
  return join(found, 'data');
}
