import type { family as english } from '../en/family'

export const family: typeof english = {
  title: '镜像家族',
  intro: '以共享的层为树展示所有本地镜像：分叉处即镜像开始不同的地方。一段层无论被多少镜像使用，都只存储一次。',
  summary: '{images} · {runs} · 共享 {shared}',
  runs: '{n} 段层',
  search: '按镜像筛选家族树',
  searchPlaceholder: '标签或 ID 前缀',
  tree: '本地镜像的层树',
  loading: '正在读取层链…',
  empty: '此引擎上还没有镜像。',
  noMatch: '没有与“{search}”匹配的镜像。',
  layers: '{n} 层',
  sharedBy: '{n} 个镜像共享',
  onlyOne: '仅一个镜像',
  noLayers: '无层',
  unique: '独占 {bytes}',
  moreTags: '+{n}',
  open: '打开 {name}',
  keys: '方向键移动，左右键折叠和展开，回车打开镜像。',
}
