import type { common as english } from '../en/common'

export const common: typeof english = {
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
  live: {
    engineDown: '引擎没有响应：当前显示的内容可能已过时。',
    hostDown: 'Strata 服务没有响应：当前显示的内容可能已过时。',
    lastUpdated: '最后更新于{age}。',
    resyncs: '恢复连接后会自动重新读取全部内容。',
    chooseEngine: '选择其他引擎',
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
  units: {
    files: '{count} 个文件',
  },
  actions: {
    cancel: '取消',
    close: '关闭',
    retry: '重试',
    refresh: '刷新',
    copy: '复制',
    copied: '已复制',
    delete: '删除',
    remove: '移除',
    open: '打开',
    back: '返回',
    save: '保存',
  },
  time: {
    justNow: '刚刚',
  },
}
