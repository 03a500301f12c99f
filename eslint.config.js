import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; keep the core plain Node and the renderer on the contract.' }],
      patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
    },
  ],
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
    rules: noElectron,
  },
  {
    // Every word a user reads comes from the message files (renderer/i18n/messages), in their language.
    files: ['renderer/**/*.vue'],
    rules: { 'vue/no-bare-strings-in-template': ['error', { allowlist: ['(', ')', ',', '.', '&', '+', '-', '=', '*', '/', '#', '%', '!', '?', ':', '[', ']', '{', '}', '<', '>', '·', '•', '‐', '–', '—', '−', '|', '…', '×', '→', '←', '↑', '↓', '✓', '✕', '▸', '▾', 'B', 'kB', 'MB', 'GB', '@', '$'] }] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'shared/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: noElectron,
  },
  {
    files: ['**/*.{js,mjs}', 'scripts/**', 'bin/**', '.ci/**'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false } },
  },
)
