import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'bin/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'No process.exit in library code; only src/cli/main.ts may exit.' }],
    },
  },
  {
    // Node 20 deadlocks when a key fresh from generateKeyPairSync is exported while the GC frees its
    // generator job (decision 0008): keys come from crypto/node-keys.ts newKeyPair; only HPKE's
    // ephemeral key, never exported, is generated directly.
    files: ['**/*.ts'],
    ignores: ['src/messaging/envelope.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'node:crypto', importNames: ['generateKeyPairSync', 'generateKeyPair'], message: 'Use newKeyPair (src/crypto/node-keys.ts): a freshly generated key can deadlock Node 20 when exported.' }] }],
    },
  },
  {
    files: ['src/cli/main.ts', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The node's web console (decision 0007): plain browser modules outside the TypeScript
    // project, so without the type-aware rules; the browser globals it uses, and no others.
    files: ['web/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false, program: null },
      sourceType: 'module',
      globals: Object.fromEntries(['window', 'document', 'location', 'sessionStorage', 'fetch', 'FileReader', 'URL', 'Blob', 'Node', 'atob', 'setTimeout'].map((name) => [name, 'readonly'])),
    },
  },
);
