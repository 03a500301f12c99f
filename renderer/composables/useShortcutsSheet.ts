import { ref } from 'vue'

/** One sheet for the whole app: App.vue shows it, `?` and the Settings view's button open it. */
const open = ref(false)

export function useShortcutsSheet(): { open: typeof open; show: () => void; hide: () => void } {
  return {
    open,
    show: () => {
      open.value = true
    },
    hide: () => {
      open.value = false
    },
  }
}

/** Whether `?` typed here is text rather than a request for the sheet. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
}
