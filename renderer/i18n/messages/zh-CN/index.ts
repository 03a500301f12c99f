/** 简体中文。键与英文完全一致（类型检查保证），docker 的单位（kB、MB、GB）保持不变。 */
import type { MessageSchema } from '../en'
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

export const zhCN: MessageSchema = {
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
