/** English wording of the files domain; zh-CN/files.ts mirrors every key. */
export const files = {
}
