import type { settings as english } from '../en/settings'

export const settings: typeof english = {
  language: '语言',
  languageHint: '默认跟随系统，也可以在这里选择。',
  languageSystem: '跟随系统（{language}）',
}
