import type Docker from 'dockerode'
import { Readable } from 'node:stream'
import { tarOf } from './tars'

/**
 * Images of one layer each, made by import (no build, no container): quick, and every
 * one unused. Named `interrupt/<round>-<n>:1`.
 */
export async function importImages(docker: Docker, round: string, count = 16): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const layer = await tarOf([{ name: 'payload', content: `${round} ${String(index)} ${'x'.repeat(64 * 1024)}` }])
    const answer = await docker.importImage(Readable.from([layer]), { repo: `interrupt/${round}-${String(index)}`, tag: '1' })
    await new Promise((resolve, reject) => {
      docker.modem.followProgress(answer, (error: Error | null) => {
        if (error === null) resolve(undefined)
        else reject(error)
      })
    })
  }
}
