import type { shell as english } from '../en/shell'

export const shell: typeof english = {
  drop: {
    title: '拖放镜像归档以加载或分析',
    hint: 'docker save 或 OCI 归档：.tar、.tar.gz 或 .tgz',
    open: '打开 {name}',
    nothing: '没有可打开的内容',
    question: '要让 Strata 如何处理这个镜像归档？',
    choices: '选项',
    ok: '确定',
  },
  find: {
    label: '在{what}中查找',
    placeholder: '查找（Enter：下一个，Shift+Enter：上一个）',
    counter: '第 {current} 个，共 {count} 个',
    atLeast: '{n}+',
    noMatches: '没有匹配',
    previous: '上一个匹配',
    next: '下一个匹配',
  },
}
