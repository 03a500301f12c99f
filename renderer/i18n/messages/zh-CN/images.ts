import type { images as english } from '../en/images'

export const images: typeof english = {
  title: '镜像',
  summaryHint: '独占大小是只有该镜像在磁盘上占用的空间；镜像之间共享的层不计入任何一个镜像',
  count: '{n} 个镜像',
  shownOf: '{shown} / {all}',
  working: '{images} · 正在计算共享与独占大小…',
  unique: '{images} · 独占 {bytes}',
  emptyEngine: '这个引擎上还没有镜像。拉取或构建一个后，它会出现在这里。',
  noMatch: '没有镜像符合搜索和筛选条件。',
  loading: '正在加载镜像…',
  unreachable: '无法连接引擎；引擎一响应，镜像就会出现。',
  show: '显示镜像',
  filter: {
    all: '全部',
    dangling: '悬空',
    'in-use': '使用中',
    unused: '未使用',
  },
  search: '筛选镜像',
  searchPlaceholder: '标签、ID 前缀或标签键=值',
  loadFromFile: '从文件载入…',
}
