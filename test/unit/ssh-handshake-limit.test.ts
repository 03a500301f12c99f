import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { limitSshHandshakes } from '../../electron/core/engine/ssh/handshake-limit'

describe('limitSshHandshakes', () => {
  it('lets at most the limit of requests connect at once, the rest start as answers come, each answer to its caller', () => {
    const pending: ((error: unknown, data: unknown) => void)[] = []
    const started: unknown[] = []
    const docker = {
      modem: {
        dial: (options: unknown, callback: (error: unknown, data: unknown) => void) => {
          started.push(options)
          pending.push(callback)
        },
      },
    } as unknown as Docker
    limitSshHandshakes(docker, 2)
    const dial = (docker.modem as unknown as { dial: (options: unknown, callback: (error: unknown, data: unknown) => void) => void }).dial
    const answers: string[] = []
    for (const name of ['a', 'b', 'c', 'd']) {
      dial(name, (error, data) => answers.push(`${name}:${String(error)}:${String(data)}`))
    }
    expect(started).toEqual(['a', 'b'])
    pending[0]?.(null, 'A')
    expect(started).toEqual(['a', 'b', 'c'])
    pending[1]?.(new Error('refused'), null)
    expect(started).toEqual(['a', 'b', 'c', 'd'])
    pending[2]?.(null, 'C')
    pending[3]?.(null, 'D')
    expect(answers).toEqual(['a:null:A', 'b:Error: refused:null', 'c:null:C', 'd:null:D'])
    // A callback called twice (a stream's late error) gives its place back once only.
    dial('e', () => undefined)
    dial('f', () => undefined)
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    pending[4]?.(null, 'E')
    pending[4]?.(new Error('late'), null)
    dial('g', () => undefined)
    dial('h', () => undefined)
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
  })
})
