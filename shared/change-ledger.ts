/**
 * Guards a list against answers that are older than the news: a full listing
 * started before an event and answered after it must not bring back the state
 * the event replaced (a container "running" after its `die`, an image after its
 * delete). Each change made by news touches its ID; a listing carries the mark
 * taken when it started, and for the IDs touched since then the current copy wins.
 */
export class ChangeLedger {
  private count = 0
  private readonly touched = new Map<string, number>()

  /** A point in the ledger's history; take it before asking for a listing. */
  mark(): number {
    return this.count
  }

  /** Records that news changed (or removed) the object with this ID. */
  touch(id: string): void {
    this.count += 1
    this.touched.set(id, this.count)
  }

  touchedSince(id: string, mark: number): boolean {
    return (this.touched.get(id) ?? 0) > mark
  }

  /** Forgets every touch, for a new engine whose objects share nothing with the old one's. */
  reset(): void {
    this.touched.clear()
  }

  /**
   * The listing, with the current copy of every object news touched after `mark`:
   * changed ones keep their newer summary, removed ones stay removed, and ones
   * that appeared after the listing was taken are kept (first, as news puts them).
   */
  merge<T extends { id: string }>(listed: readonly T[], current: readonly T[], mark: number): T[] {
    const currentById = new Map(current.map((item) => [item.id, item]))
    const listedIds = new Set(listed.map((item) => item.id))
    const appeared = current.filter((item) => !listedIds.has(item.id) && this.touchedSince(item.id, mark))
    const kept = listed.flatMap((item) => {
      if (!this.touchedSince(item.id, mark)) return [item]
      const newer = currentById.get(item.id)
      return newer === undefined ? [] : [newer]
    })
    this.prune(mark)
    return [...appeared, ...kept]
  }

  /** Touches no listing can be older than are of no use; keeps the map from growing with every container ever seen. */
  private prune(mark: number): void {
    if (this.touched.size < 4096) return
    for (const [id, at] of this.touched) if (at <= mark) this.touched.delete(id)
  }
}
