import { createHash } from 'node:crypto'

/**
 * Chain IDs as the OCI image spec defines them and moby keys its layer store:
 * chain(L0) = diff(L0); chain(L0..Ln) = sha256(chain(L0..Ln-1) + " " + diff(Ln)).
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const chains: string[] = []
  let previous: string | null = null
  for (const diffId of diffIds) {
    const chain: string = previous === null ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`
    chains.push(chain)
    previous = chain
  }
  return chains
}
