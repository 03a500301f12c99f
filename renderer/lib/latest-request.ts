/**
 * Only the newest of a run of requests may land: answers travel apart and can come
 * back out of order (image A's detail after the user moved to image B), and an answer
 * to a question no longer asked must not replace the answer to the current one.
 */
export class LatestRequest {
  private current = 0

  /** Starts a request; the returned check says whether it is still the newest when its answer comes. */
  begin(): () => boolean {
    const mine = ++this.current
    return () => mine === this.current
  }

  /** Makes every request under way stale, e.g. when what they asked about is gone. */
  cancel(): void {
    this.current += 1
  }
}
