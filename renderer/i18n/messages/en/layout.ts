/** English wording of the layout domain; zh-CN/layout.ts mirrors every key. */
export const layout = {
  sidebar: {
    /** The product's name beside its logo: the same in every language. */
    brand: 'Strata',
    collapse: 'Collapse sidebar',
    expand: 'Expand sidebar',
    collapseShortcut: 'Collapse sidebar ({keys})',
    expandShortcut: 'Expand sidebar ({keys})',
  },
  columns: {
    /** The images table's menu of the columns that may give way at narrow widths. */
    menu: 'Columns',
    menuHint: 'Columns: show or hide them; a narrow window hides some',
    /** The number beside the menu's icon. */
    hiddenBadge: '+{n}',
    hiddenCount: '{n} hidden | {n} hidden',
    hidden: 'hidden at this width',
  },
  tags: {
    /** The chip standing for the tags that do not fit; its tooltip lists them. */
    more: '+{n}',
  },
}
