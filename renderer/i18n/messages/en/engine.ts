/** English wording of the engine domain; zh-CN/engine.ts mirrors every key. */
export const engine = {
}
