/**
 * Moves the focus to a view's main heading (its h1) inside `main`, waiting a little for a view
 * that renders its heading once its data arrives (an image's page). Without scrolling: the
 * view keeps the scroll position the router gives it. Falls back to `main` itself.
 */
export async function focusViewHeading(main: HTMLElement, options: { waitMs?: number; stillWanted?: () => boolean } = {}): Promise<void> {
  const { waitMs = 2000, stillWanted = () => true } = options
  const deadline = performance.now() + waitMs
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    if (!stillWanted()) return
    // A dialog open (or opening) keeps the focus it manages.
    if (document.querySelector('dialog[open]') !== null) return
    if (focusHeadingNow(main)) return
    if (performance.now() >= deadline) {
      main.focus({ preventScroll: true })
      return
    }
  }
}

/** Focuses the h1 in `main` as it is now (the skip link: the view is on screen already); false when there is none yet. */
export function focusHeadingNow(main: HTMLElement): boolean {
  const heading = main.querySelector<HTMLElement>('h1')
  if (heading === null) return false
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: true })
  return true
}
