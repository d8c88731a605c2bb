// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The core must stay free of the Actions toolkit: only the Action entry may import it.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*'],
              message:
                'Only the Action shell (src/index.ts, src/post.ts, src/action/) may import @actions/*.',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/index.ts', 'src/post.ts', 'src/action/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
);
