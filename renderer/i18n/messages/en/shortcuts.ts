/** English wording of the shortcuts domain; zh-CN/shortcuts.ts mirrors every key. */
export const shortcuts = {
}
