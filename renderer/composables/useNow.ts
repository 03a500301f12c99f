import { onMounted, onUnmounted, ref } from 'vue'

/** The current time, refreshed every `intervalMs`, so ages such as "3 minutes ago" stay true. */
export function useNow(intervalMs = 30_000) {
  const now = ref(new Date())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => {
      now.value = new Date()
    }, intervalMs)
  })
  onUnmounted(() => {
    clearInterval(timer)
  })
  return now
}
