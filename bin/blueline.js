#!/usr/bin/env -S node --max-semi-space-size=32
// Runs the TypeScript sources directly through tsx's loader; no build step. The young generation is
// raised from 16 to 32 MiB a semi-space: searches make many short-lived objects (decision 0005).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
