import { performance } from 'node:perf_hooks'
import type Docker from 'dockerode'
import { eachLimited } from '../electron/core/images/image-data'
import { FIXTURES, buildFixture } from '../test/support/fixtures'

/** The bench/catalog scenario's size; the same environment variables set it for every bench that uses it. */
export const BASES = Number(process.env.STRATA_BENCH_BASES ?? 10)
export const CHILDREN = Number(process.env.STRATA_BENCH_CHILDREN ?? 30)
export const CONTAINERS = Number(process.env.STRATA_BENCH_CONTAINERS ?? 1000)

export interface CatalogScenarioSize {
  bases: number
  children: number
  containers: number
}

/**
 * Builds the catalog scenario offline: `bases` bases on the busybox fixture, `children`
 * committed children each (images sharing layer chains), `containers` containers spread
 * over them (by default the sizes the environment variables above set). Returns the IDs
 * of every image the engine then lists.
 */
export async function buildCatalogScenario(docker: Docker, size: CatalogScenarioSize = { bases: BASES, children: CHILDREN, containers: CONTAINERS }): Promise<string[]> {
  const started = performance.now()
  for (let base = 0; base < size.bases; base += 1) {
    await buildFixture(docker, { tag: `bench/base:${base}`, dockerfile: `FROM ${FIXTURES.base.tag}\nRUN dd if=/dev/zero of=/base.bin bs=1k count=${10 + base}` })
    const container = await docker.createContainer({ Image: `bench/base:${base}`, Cmd: ['/bin/true'] })
    await eachLimited(
      Array.from({ length: size.children }, (_, child) => child),
      4,
      (child) => container.commit({ repo: `bench/child-${base}`, tag: String(child), changes: [`LABEL bench.child=${child}`] }),
    )
    await container.remove()
  }
  const images = (await docker.listImages()) as { Id: string }[]
  const imageIds = images.map((image) => image.Id)
  await eachLimited(
    Array.from({ length: size.containers }, (_, index) => index),
    8,
    (index) => docker.createContainer({ Image: imageIds[index % imageIds.length] ?? FIXTURES.base.tag, Cmd: ['/bin/true'] }),
  )
  process.stdout.write(`\nscenario: ${imageIds.length} images, ${size.containers} containers, built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
  return imageIds
}
