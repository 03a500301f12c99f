/**
 * Long calls that carry a `taskId` can be cancelled by another call naming it
 * ('tasks.cancel'), the one way to cancel that works on every transport (IPC cannot
 * abort an invoke; HTTP and the CLI can, and use their own signals too).
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>()

  /** A signal that aborts when the transport's does or when the task is cancelled. */
  begin(taskId: string | undefined, transport: AbortSignal): { signal: AbortSignal; end: () => void } {
    if (taskId === undefined) return { signal: transport, end: () => undefined }
    const controller = new AbortController()
    this.running.set(taskId, controller)
    return {
      signal: AbortSignal.any([transport, controller.signal]),
      end: () => {
        if (this.running.get(taskId) === controller) this.running.delete(taskId)
      },
    }
  }

  /** Cancels every running task (the engine they act on is going away); returns their IDs. */
  cancelAll(): string[] {
    const cancelled = [...this.running.keys()]
    for (const taskId of cancelled) this.cancel(taskId)
    return cancelled
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId)
    if (controller === undefined) return false
    controller.abort()
    this.running.delete(taskId)
    return true
  }
}

export function taskIdOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const taskId = (input as { taskId?: unknown }).taskId
  return typeof taskId === 'string' ? taskId : undefined
}
