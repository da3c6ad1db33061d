// The linter of the browser code (functions/web/browser): recommended rules of ESLint and
// typescript-eslint, type-aware, on the same tsconfig the type check uses. `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/*', '!functions/', '!functions/web/', '!functions/web/browser/', '!functions/web/browser/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['functions/web/browser/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: './functions/web/browser/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Text from the API reaches the page only through Preact's escaping.
      'no-restricted-properties': ['error', { property: 'innerHTML', message: 'Render through Preact; never assign HTML.' }, { property: 'outerHTML', message: 'Render through Preact; never assign HTML.' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML in the console.' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // The tsconfig loads Node's types for the shared domain modules whose types the console reads;
      // the console itself runs in the browser and may use none of Node.
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'Browser code: no Node modules.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
);
