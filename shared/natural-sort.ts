/**
 * The one order of names shown to people: numbers inside names by value (d1, d2, d10,
 * not d1, d10, d2). A fixed locale, so the core's listings and the renderer's re-sorts
 * agree whatever language either runs in; equal-looking names (d01, d1) fall back to
 * code points, so the order is total and the same on every run.
 */
const collator = new Intl.Collator('en', { numeric: true })

export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** Folders first, then by name: how the trees list a folder's entries. */
export function compareFoldersFirst(a: { name: string; type: string }, b: { name: string; type: string }): number {
  return Number(b.type === 'dir') - Number(a.type === 'dir') || compareNatural(a.name, b.name)
}
