/** English wording of the run domain; zh-CN/run.ts mirrors every key. */
export const run = {
}
