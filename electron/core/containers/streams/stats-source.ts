import type { StreamInput } from '../../../../shared/stream-contract'
import { dialStream, type OpenSource } from '../../streams/stream-source'
import { statsSample, type EngineStats } from './stats-sample'

/**
 * containers.stats: the engine's stats stream (one JSON document per second, newline
 * separated), each turned into the figures docker stats shows. A stopped container's
 * stream sends zeros; the page says it is not running from `opened`.
 */
export const openStats: OpenSource<StreamInput<'containers.stats'>> = async (connection, input, events) => {
  const inspected = await connection.docker.getContainer(input.id).inspect()
  const stream = await dialStream(connection, `/containers/${encodeURIComponent(inspected.Id)}/stats?`, { stream: true })
  events.opened({ running: inspected.State.Running })
  let pending = ''
  stream.setEncoding('utf8')
  stream.on('data', (text: string) => {
    pending += text
    let newline = pending.indexOf('\n')
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim()
      pending = pending.slice(newline + 1)
      if (line !== '') {
        try {
          events.data(statsSample(JSON.parse(line) as EngineStats), Buffer.byteLength(line))
        } catch (error) {
          events.end(error)
          stream.destroy()
          return
        }
      }
      newline = pending.indexOf('\n')
    }
  })
  stream.on('end', () => {
    events.end(null)
  })
  stream.on('error', (error) => {
    events.end(error)
  })
  return {
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    send: () => Promise.reject(new Error('A stats stream takes no messages.')),
    close: () => {
      stream.destroy()
      return Promise.resolve()
    },
  }
}
