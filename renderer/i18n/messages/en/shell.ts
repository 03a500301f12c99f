/** English wording of the shell domain; zh-CN/shell.ts mirrors every key. */
export const shell = {
}
