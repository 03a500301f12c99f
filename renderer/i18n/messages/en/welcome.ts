/** English wording of the welcome domain; zh-CN/welcome.ts mirrors every key. */
export const welcome = {
}
