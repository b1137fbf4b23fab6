import { open } from 'node:fs/promises';

/** Writes a file only its owner can read; refuses to overwrite an existing one. */
export async function writeSecretFile(file: string, contents: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
