import type { layout as english } from '../en/layout'

export const layout: typeof english = {
  sidebar: {
    brand: 'Strata',
    collapse: '收起侧边栏',
    expand: '展开侧边栏',
    collapseShortcut: '收起侧边栏（{keys}）',
    expandShortcut: '展开侧边栏（{keys}）',
  },
  columns: {
    menu: '列',
    menuHint: '列：显示或隐藏；窗口较窄时部分列会自动隐藏',
    hiddenBadge: '+{n}',
    hiddenCount: '已隐藏 {n} 列',
    hidden: '此宽度下已隐藏',
  },
  tags: {
    more: '+{n}',
  },
}
