/** English wording of the layout domain; zh-CN/layout.ts mirrors every key. */
export const layout = {
}
