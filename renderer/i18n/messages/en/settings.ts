export const settings = {
  language: 'Language',
  languageHint: 'Follows the system unless you choose one.',
  languageSystem: 'System ({language})',
}
