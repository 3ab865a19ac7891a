import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.tools/', 'data/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type X } from 'm'` keeps `import 'm'` under verbatimModuleSyntax, which pulls
      // server packages (@remix-run/node) into browser chunks.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // The layer rule (docs/architecture.md): the domain core and the search port never import
    // the UI or the host.
    files: ['models/**/*.{ts,tsx}', 'search/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['#app/*', '#server/*', '**/app/*', '**/server/*', '@remix-run/*'],
              message:
                'models/ and search/ sit below app/ and server/: move what both need down into models/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Thin routes (docs/architecture.md): a route calls domain functions in models/, never Mongoose.
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'mongoose',
              message:
                'Routes import no Mongoose: put the query in a domain function in models/<domain>/ and call that.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...jsxA11y.flatConfigs.recommended.rules,
      'react/prop-types': 'off',
      // <main tabIndex={-1}> is the skip-link target; headings take focus on error pages.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: ['main', 'h1'] }],
    },
  },
)
