/**
 * English, the reference locale: every key here must exist in every other locale
 * (each zh-CN file is typed by its English twin). Plurals use vue-i18n's `one | many`
 * form; Chinese has one form. One file per domain, so each view's wording sits together.
 */
import { common } from './common'
import { images } from './images'
import { imageBulk } from './image-bulk'
import { files } from './files'
import { containers } from './containers'
import { containerLogs } from './container-logs'
import { cleanup } from './cleanup'
import { policies } from './policies'
import { family } from './family'
import { registry } from './registry'
import { run } from './run'
import { engine } from './engine'
import { welcome } from './welcome'
import { settings } from './settings'
import { shell } from './shell'
import { shortcuts } from './shortcuts'
import { layout } from './layout'
import { validation } from './validation'
import { archive } from './archive'

export const en = {
  ...common,
  images,
  imageBulk,
  files,
  containers,
  containerLogs,
  cleanup,
  policies,
  family,
  registry,
  run,
  engine,
  welcome,
  settings,
  shell,
  shortcuts,
  layout,
  validation,
  archive,
}

export type MessageSchema = typeof en
