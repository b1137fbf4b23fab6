import { join } from 'node:path';

/** The files of a hub's data folder. Keys are owner-only (0600); the folder is 0700. */
export function hubFiles(dataDir: string) {
  return {
    dir: dataDir,
    signingKey: join(dataDir, 'hub-signing.key'),
    /** The public half, for auditors who verify checkpoints without access to the hub's secrets. */
    signingPublicKey: join(dataDir, 'hub-signing.pub'),
    caKey: join(dataDir, 'ca.key'),
    caCertificate: join(dataDir, 'ca.crt'),
  };
}
