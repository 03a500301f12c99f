import type { MessageSchema } from './en'

/** 简体中文。键与英文完全一致（类型检查保证），docker 的单位（kB、MB、GB）保持不变。 */
export const zhCN: MessageSchema = {
  app: {
    skipToContent: '跳到主要内容',
  },
  nav: {
    sections: '导航',
    images: '镜像',
    containers: '容器',
    registries: '镜像仓库',
    cleanup: '清理',
    engine: '引擎',
    settings: '设置',
  },
  engineStatus: {
    connecting: '正在连接…',
    connected: '已连接',
    reconnecting: '正在重新连接…',
    reconnectingIn: '正在重新连接（{seconds} 秒后重试）',
    unreachable: '无法连接',
    unknown: '未知',
  },
  errors: {
    dismiss: '关闭',
    code: {
      ENGINE_UNREACHABLE: '引擎没有响应',
      PERMISSION_DENIED: '权限不足',
      API_TOO_OLD: '引擎的 API 版本过旧',
      NOT_FOUND: '未找到',
      CONFLICT: '冲突',
      INVALID_INPUT: '输入无效',
      UNAUTHORIZED: '未授权',
      CANCELLED: '已取消',
      ENGINE_ERROR: '引擎拒绝了请求',
      INTERNAL: '内部错误',
      REGISTRY_UNREACHABLE: '镜像仓库没有响应',
      REGISTRY_ERROR: '镜像仓库拒绝了请求',
      HOST_KEY_UNKNOWN: 'ssh 主机的密钥未知',
      HOST_KEY_CHANGED: 'ssh 主机的密钥已变更',
    },
  },
  images: {
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
  },
  settings: {
    language: '语言',
    languageHint: '默认跟随系统，也可以在这里选择。',
    languageSystem: '跟随系统（{language}）',
  },
  units: {
    files: '{count} 个文件',
  },
}
