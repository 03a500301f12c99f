import { onMounted, onUnmounted, watch } from 'vue'
import { useContainerLogStore } from '../stores/container-logs'
import { useContainerStore } from '../stores/containers'

/** Container logs keep growing while the list stays the same: measured again after each listing or change, a burst of changes measured once. */
export function useLogSizes(settleMs = 400): void {
  const containers = useContainerStore()
  const logs = useContainerLogStore()
  let timer: ReturnType<typeof setTimeout> | undefined
  let mounted = false
  const measure = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (mounted) void logs.load()
    }, settleMs)
  }
  watch(() => containers.containers, measure)
  onMounted(() => {
    mounted = true
    void logs.load()
  })
  onUnmounted(() => {
    mounted = false
    clearTimeout(timer)
  })
}
