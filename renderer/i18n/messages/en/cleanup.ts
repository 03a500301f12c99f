/** English wording of the cleanup domain; zh-CN/cleanup.ts mirrors every key. */
export const cleanup = {
}
