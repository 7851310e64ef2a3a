// Lint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-vue, plus the
// architecture rule that the services and domain never import Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'tests/artifacts/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: globals.browser },
  },
  {
    files: ['**/*.{ts,mts,mjs,js,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS files (test stand-ins loaded with --require) use require by nature.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The services, domain, database and bridge must run under plain Node (tests, CLI, bridge).
    files: ['electron/services/**', 'electron/domain/**', 'electron/bridge/**', 'electron/runtime.ts', 'electron/cli.ts', 'database/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only the shell (main.ts, preload.ts) may import electron.' }] }],
    },
  },
);
