// One lint config for the whole repository (STYLE.md, "Tooling"). Formatting belongs to prettier
// (`prettier --check` runs beside eslint), so no rule here has an opinion on layout.
// Not type-aware on purpose: lint stays fast and `tsc -p tsconfig.json` does the type checking.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import unicorn from 'eslint-plugin-unicorn';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/test-results/**', '**/.turbo/**', '**/*.d.ts'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    plugins: { unicorn },
    rules: {
      // kebab-case file names, enforced so snake_case and camelCase never creep in.
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      // Packages take an injected logger; only processes and tooling write to the console.
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Public API: named exports from each package's root, no `export *` (STYLE.md, "Files and names").
    files: ['**/src/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Export each public symbol by name from src/index.ts; `export *` hides the public API.',
        },
      ],
    },
  },
  {
    // Processes, CLIs, tooling and tests may talk to the terminal.
    files: ['scripts/**', 'test/**', 'services/*/src/main.ts', '**/cli.ts', 'packages/*/bin/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The gateway's web UI runs in the browser, as plain ES modules with no build step.
    files: ['services/*/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  prettier,
);
