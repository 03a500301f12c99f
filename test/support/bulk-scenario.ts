import type Docker from 'dockerode'
import type { Leftovers } from './containers'
import { FIXTURES, buildFixture } from './fixtures'
import { engineDf } from './engine-df'

/**
 * Five images to delete as one set, and one outside it, built with the classic builder:
 * - one and two are built on the same hidden intermediate (a 100 KiB layer): a chain
 *   two members share and nothing outside holds, which must be counted once;
 * - three is built on outside, which stays: outside's 80 KiB layer is not freed;
 * - five is built on four (a child inside the set, which does not block it).
 * The bytes the set frees are worked out here from the image sizes the engine
 * reports, independently of Strata's chain arithmetic.
 */
export interface BulkScenario {
  /** Tags of the five members, in the order above. */
  tags: string[]
  ids: string[]
  outside: string
  /** The layer bytes only the set holds: every member's own layer plus the shared one, once. */
  expectedFreed: number
  /** The shared layer's bytes, which a sum of each image's unique bytes would leave out. */
  sharedBytes: number
}

const BASE = FIXTURES.base.tag

function dd(path: string, kb: number): string {
  return `RUN dd if=/dev/zero of=${path} bs=1024 count=${String(kb)}`
}

async function size(docker: Docker, ref: string): Promise<{ size: number; parent: string }> {
  const inspect = (await docker.getImage(ref).inspect()) as { Size: number; Parent: string }
  return { size: inspect.Size, parent: inspect.Parent }
}

export async function buildBulkScenario(docker: Docker, leftovers: Leftovers, prefix: string): Promise<BulkScenario> {
  const build = async (tag: string, lines: string[]): Promise<string> => leftovers.image(await buildFixture(docker, { tag, dockerfile: lines.join('\n') }))
  const label = `LABEL strata.test=${prefix}`
  const tags = [1, 2, 3, 4, 5].map((n) => `${prefix}/m${String(n)}:1`)
  const [t1 = '', t2 = '', t3 = '', t4 = '', t5 = ''] = tags
  const outsideTag = `${prefix}/outside:1`
  const m1 = await build(t1, [`FROM ${BASE}`, label, dd('/shared', 100), dd('/m1', 10)])
  const m2 = await build(t2, [`FROM ${BASE}`, label, dd('/shared', 100), dd('/m2', 20)])
  const outside = await build(outsideTag, [`FROM ${BASE}`, label, dd('/outside', 80)])
  const m3 = await build(t3, [`FROM ${outsideTag}`, dd('/m3', 30)])
  const m4 = await build(t4, [`FROM ${BASE}`, label, dd('/m4', 40)])
  const m5 = await build(t5, [`FROM ${t4}`, dd('/m5', 15)])

  const base = (await size(docker, BASE)).size
  const one = await size(docker, m1)
  const two = await size(docker, m2)
  if (one.parent !== two.parent) throw new Error('one and two were meant to share their parent (the build cache)')
  const shared = (await size(docker, one.parent)).size - base
  const own = [
    one.size - (shared + base),
    two.size - (shared + base),
    (await size(docker, m3)).size - (await size(docker, outside)).size,
    (await size(docker, m4)).size - base,
    (await size(docker, m5)).size - (await size(docker, m4)).size,
  ]
  return { tags, ids: [m1, m2, m3, m4, m5], outside, expectedFreed: shared + own.reduce((sum, bytes) => sum + bytes, 0), sharedBytes: shared }
}

export async function layersSize(docker: Docker): Promise<number> {
  return (await engineDf<{ LayersSize: number }>(docker)).LayersSize
}
