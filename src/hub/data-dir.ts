import { join } from 'node:path';

/** The files of a hub's data folder. Keys are owner-only (0600); the folder is 0700. */
export function hubFiles(dataDir: string) {
  return {
    dir: dataDir,
    signingKey: join(dataDir, 'hub-signing.key'),
    caKey: join(dataDir, 'ca.key'),
    caCertificate: join(dataDir, 'ca.crt'),
  };
}
