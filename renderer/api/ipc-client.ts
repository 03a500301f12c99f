import type { MethodInput, MethodResult, StrataApi } from '../../shared/contract'
import { StrataError, parseWireError } from '../../shared/errors'
import { checkEventPayload } from '../../shared/event-schemas'
import type { EventName, EventPayloads } from '../../shared/events'
import type { MethodName } from '../../shared/methods'
import { ipcStreamWire, startStream } from './stream-client'

/** The contract over Electron IPC, through the preload's window.strata. */
export function createIpcClient(bridge: StrataBridge): StrataApi {
  return {
    async call<N extends MethodName>(method: N, input: MethodInput<N>): Promise<MethodResult<N>> {
      const outcome = (await bridge.call(method, input)) as { ok?: unknown; value?: unknown; error?: unknown } | null
      if (outcome?.ok === true) return outcome.value as MethodResult<N>
      throw StrataError.fromWire(parseWireError(outcome?.error))
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      return bridge.on(event, (payload) => {
        const checked = checkEventPayload(event, payload)
        if (!checked.ok) {
          console.warn(`strata: ignored a ${event} event: ${checked.problem}`)
          return
        }
        listener(payload as EventPayloads[E])
      })
    },
    openStream: (name, input, handlers) => startStream(ipcStreamWire(bridge), name, input, handlers),
  }
}
