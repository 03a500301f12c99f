import { computed, onUnmounted, ref, watch, type Ref } from 'vue'

export interface VirtualRowsOptions {
  /** Number of rows in the full list. */
  count: Ref<number>
  /** Every row is exactly this tall, in CSS pixels. */
  rowHeight: number
  /** Height of sticky content above the first row inside the scroll container (a table head). */
  headerHeight?: number
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscan?: number
}

export interface VirtualRange {
  start: number
  end: number
}

/**
 * Windowing for a list of fixed-height rows inside a scroll container: only the rows
 * in view (plus an overscan margin) are rendered, and two spacers stand in for the rest.
 */
export function useVirtualRows(options: VirtualRowsOptions) {
  const scroller = ref<HTMLElement | null>(null)
  const scrollTop = ref(0)
  const viewportHeight = ref(0)
  const rowHeight = options.rowHeight
  const header = options.headerHeight ?? 0
  const overscan = options.overscan ?? 8

  let frame = 0
  let observer: ResizeObserver | null = null

  function measure(): void {
    const element = scroller.value
    if (element === null) return
    scrollTop.value = element.scrollTop
    viewportHeight.value = element.clientHeight
  }

  function onScroll(): void {
    if (frame !== 0) return
    frame = requestAnimationFrame(() => {
      frame = 0
      measure()
    })
  }

  function attach(element: HTMLElement): void {
    element.addEventListener('scroll', onScroll, { passive: true })
    observer = new ResizeObserver(measure)
    observer.observe(element)
    measure()
  }

  function detach(element: HTMLElement): void {
    element.removeEventListener('scroll', onScroll)
    observer?.disconnect()
    observer = null
  }

  // The container may come and go (v-if); follow whichever element the ref holds.
  watch(
    scroller,
    (element, previous) => {
      if (previous !== null) detach(previous)
      if (element !== null) attach(element)
    },
    { flush: 'post' },
  )

  onUnmounted(() => {
    if (frame !== 0) cancelAnimationFrame(frame)
    if (scroller.value !== null) detach(scroller.value)
  })

  const range = computed<VirtualRange>(() => {
    const count = options.count.value
    // Before the first measurement, render one screenful rather than nothing.
    const height = viewportHeight.value > 0 ? viewportHeight.value : 800
    const first = Math.floor(scrollTop.value / rowHeight)
    const last = Math.ceil((scrollTop.value + height - header) / rowHeight)
    return {
      start: Math.max(0, Math.min(count, first - overscan)),
      end: Math.max(0, Math.min(count, last + overscan)),
    }
  })

  const paddingTop = computed(() => range.value.start * rowHeight)
  const paddingBottom = computed(() => (options.count.value - range.value.end) * rowHeight)

  /** Scrolls the least needed to show row `index` entirely below the sticky header. */
  function scrollToIndex(index: number): void {
    const element = scroller.value
    if (element === null) return
    const top = index * rowHeight
    const visibleRows = element.clientHeight - header
    if (top < element.scrollTop) element.scrollTop = top
    else if (top + rowHeight > element.scrollTop + visibleRows) element.scrollTop = top + rowHeight - visibleRows
    measure()
  }

  /** Rows that fit in the viewport at once, for Page Up / Page Down. */
  function pageSize(): number {
    const element = scroller.value
    if (element === null) return 10
    return Math.max(1, Math.floor((element.clientHeight - header) / rowHeight) - 1)
  }

  function restoreScroll(top: number): void {
    const element = scroller.value
    if (element === null) return
    element.scrollTop = top
    measure()
  }

  return { scroller, scrollTop, range, paddingTop, paddingBottom, scrollToIndex, pageSize, restoreScroll }
}
