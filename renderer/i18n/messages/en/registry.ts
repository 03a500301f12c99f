/** English wording of the registry domain; zh-CN/registry.ts mirrors every key. */
export const registry = {
}
