/** English wording of the containers domain; zh-CN/containers.ts mirrors every key. */
export const containers = {
}
