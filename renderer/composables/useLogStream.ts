import { onBeforeUnmount, ref, shallowRef, triggerRef, type Ref } from 'vue'
import { LogLines } from '../lib/log-lines'
import { sinceValue, type SinceChoice } from '../lib/log-since'
import { useContainerDetailStore } from '../stores/container-detail'
import type { ActionFailure } from '../stores/containers'

export interface LogReadSettings {
  follow: boolean
  timestamps: boolean
  since: SinceChoice
  /** Lines from the end; null: the whole log. */
  tail: number | null
}

export type LogStreamState = 'opening' | 'open' | 'ended' | 'failed'

/**
 * One container's log, read through the containers.logs stream into a LogLines store.
 * Each open starts a fresh store (new settings read a different log); the lines are not
 * reactive themselves: the ref is triggered after every batch so views re-read what they show.
 * Batches are split into lines right in the data handler: the stream acknowledges them when
 * it returns, so a page busy with a huge log slows the engine rather than queueing text.
 */
export function useLogStream(containerId: Ref<string>, settings: Ref<LogReadSettings>) {
  const containerDetail = useContainerDetailStore()
  const lines = shallowRef(new LogLines())
  const state = ref<LogStreamState>('opening')
  const failure = ref<ActionFailure | null>(null)
  const tty = ref(false)
  let client: { close(): void } | null = null
  // Handlers of a stream closed since check this and do nothing.
  let generation = 0

  function close(): void {
    generation += 1
    const closing = client
    client = null
    closing?.close()
  }

  function open(): void {
    close()
    const mine = generation
    const read = settings.value
    const since = sinceValue(read.since, Date.now())
    const store = new LogLines()
    lines.value = store
    state.value = 'opening'
    failure.value = null
    const input = { id: containerId.value, follow: read.follow, timestamps: read.timestamps, ...(since === undefined ? {} : { since }), ...(read.tail === null ? {} : { tail: read.tail }) }
    client = containerDetail.openLogs(input, {
      opened: (info) => {
        if (mine !== generation) return
        tty.value = info.tty
        state.value = 'open'
      },
      data: (batch) => {
        if (mine !== generation) return
        store.append(batch)
        triggerRef(lines)
      },
      end: (error) => {
        if (mine !== generation) return
        client = null
        store.finish()
        triggerRef(lines)
        if (error === null) state.value = 'ended'
        else {
          state.value = 'failed'
          failure.value = { code: error.code, message: error.message, detail: error.detail }
        }
      },
    })
  }

  onBeforeUnmount(close)

  return { lines, state, failure, tty, open, close }
}
