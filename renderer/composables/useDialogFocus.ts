import { nextTick, onMounted, onUnmounted, type Ref } from 'vue'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

/**
 * Keeps keyboard focus inside a dialog: Tab and Shift+Tab cycle through its controls,
 * the element marked data-primary gets focus when asked, and focus returns to where
 * it was when the dialog goes away (or to the [data-focus-fallback] element when that is gone).
 */
export function useDialogFocus(container: Ref<HTMLElement | null>) {
  let returnTo: HTMLElement | null = null

  function focusables(): HTMLElement[] {
    const root = container.value
    if (root === null) return []
    return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0)
  }

  function trapTab(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return
    const list = focusables()
    const first = list[0]
    const last = list[list.length - 1]
    if (first === undefined || last === undefined) {
      event.preventDefault()
      container.value?.focus()
      return
    }
    const active = document.activeElement
    const inside = active instanceof HTMLElement && container.value?.contains(active) === true
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault()
      first.focus()
    }
  }

  /** Focuses the enabled [data-primary] control, else the first control, else the dialog itself. */
  function focusPrimary(): void {
    void nextTick(() => {
      const root = container.value
      if (root === null) return
      const primary = root.querySelector<HTMLElement>('[data-primary]:not([disabled])')
      const target = primary ?? focusables()[0] ?? root
      target.focus()
    })
  }

  onMounted(() => {
    returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
  })

  onUnmounted(() => {
    // The opener may be gone (an untagged tag's chip): fall back to the view's landmark.
    const target = returnTo?.isConnected === true ? returnTo : document.querySelector<HTMLElement>('[data-focus-fallback]')
    target?.focus()
  })

  return { trapTab, focusPrimary }
}
