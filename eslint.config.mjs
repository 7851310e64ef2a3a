// Lint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-vue, plus the layers
// (docs/decisions/0001-layers-and-shared-kernel.md): which folder may import which, and SQL only
// in database/repositories. tests/unit/lint-layers.test.ts proves a wrong-way import fails.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

// ---- Layers. A flat config's later entry replaces a rule's options for the files it matches, so
// each folder's entry lists everything that folder may not import.

const NO_ELECTRON = { name: 'electron', message: 'Only the shell (main.ts, preload.ts) may import electron.' };
const NO_SQLITE = { name: 'better-sqlite3', message: 'The engine stays behind database/: name the connection by the Database type of database/connection.ts.' };
// Import sources are matched as written (relative paths or the renderer's aliases).
const SERVICES = { regex: '(^|/)electron/(services|bridge|shell|runtime|main|preload|cli)(/|\\.|$)', message: 'Only the shell and the bridge may import the services.' };
const DATABASE = { regex: '(^|/)database(/|$)', message: 'The renderer reaches the database only through the contract (window API / HTTP bridge).' };
const RENDERER = { regex: '(^|/)renderer(/|$)|^@/', message: 'Nothing outside the renderer imports it.' };
// From inside electron/ (the contract) the same folders are one '../' away.
const SERVICES_NEARBY = { regex: '^\\.\\./(services|bridge|shell|runtime|main|preload|cli)(/|\\.|$)', message: 'The contract is shared by both sides: it imports neither.' };
const SQL_HELPERS = { regex: '(^|/)database/repositories/sql$', message: 'Prepared statements belong to the repositories.' };

/** The services' SQL: a statement prepared or run on a connection. RegExp#exec on a variable is not SQL. */
const SQL_CALLS = [
  { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='prepare']", message: 'SQL belongs in database/repositories/*: call a repository function.' },
  {
    // exec/pragma with SQL text, or on a connection named db (db.exec, ctx.db.pragma); a regex literal's exec is not SQL.
    selector:
      "CallExpression[callee.property.name=/^(exec|pragma)$/]:matches([arguments.0.type=/^(Literal|TemplateLiteral)$/], [callee.object.name='db'], [callee.object.property.name='db']):not([callee.object.regex])",
    message: 'SQL belongs in database/repositories/*: call a repository function.',
  },
];

// The demo seeder writes the demo set straight into the tables at speed: it may keep its SQL.
const DEMO_SEEDER = 'electron/services/demo/**';

const layers = [
  {
    // The renderer talks to the main process only through the contract (@contract) and may use the
    // pure rules (@domain); never the services, the database or the engine.
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_SQLITE], patterns: [SERVICES, DATABASE] }] },
  },
  {
    // The shared kernel: both sides import it, so it imports neither (only zod and the domain).
    files: ['electron/contract/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_SQLITE], patterns: [SERVICES, SERVICES_NEARBY, DATABASE, RENDERER] }] },
  },
  {
    // The database may use the shared kernel (contract types and schemas) and the domain, never the services.
    files: ['database/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [SERVICES, RENDERER] }] },
  },
  {
    // The domain is pure rules and money math: decimal.js and its own files, nothing else. What
    // stays inside the folder depends on the file's depth: './' at the top, one '../' below it.
    files: ['electron/domain/*'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!decimal\\.js$|\\./)', message: 'The domain imports only decimal.js and its own files.' }] }] },
  },
  {
    files: ['electron/domain/*/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!decimal\\.js$|\\./|\\.\\./(?!\\.\\./))', message: 'The domain imports only decimal.js and its own files.' }] }],
    },
  },
  {
    // Services reach the database only through the repositories (the seam of docs/decisions/0002).
    files: ['electron/services/**'],
    ignores: [DEMO_SEEDER],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON, NO_SQLITE], patterns: [RENDERER, SQL_HELPERS] }],
      'no-restricted-syntax': ['error', ...SQL_CALLS],
    },
  },
  {
    files: [DEMO_SEEDER],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [RENDERER] }] },
  },
];

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
    files: ['electron/services/**', 'electron/domain/**', 'electron/bridge/**', 'electron/runtime.ts', 'electron/cli.ts', 'electron/cli-commands.ts', 'database/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  ...layers,
);
