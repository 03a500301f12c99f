import { existsSync } from 'node:fs'
import Docker from 'dockerode'
import type { TestProject } from 'vitest/node'
import { startPrivateDaemon } from './daemon'
import { buildAllFixtures } from './fixtures'
import { pushRegistryFixtures, startRegistry, type RegistryFixtures } from './registry'

declare module 'vitest' {
  export interface ProvidedContext {
    dockerHost: string
    dockerSocket: string
    fixtureIds: { base: string; app: string }
    /** A docker-registry on 127.0.0.1 holding a multi-platform index and a big image, pushed once per run. */
    registryFixtures: RegistryFixtures
  }
}

/** One private dockerd and one build of the fixtures for every engine test file of the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('out/renderer/index.html') || !existsSync('out/main/cli.js')) {
    throw new Error('Strata is not built: run `npm run build` first (npm test does it for you).')
  }
  const daemon = await startPrivateDaemon()
  const registry = await startRegistry().catch(async (error: unknown) => {
    await daemon.stop()
    throw error
  })
  const stop = async (): Promise<void> => {
    await registry.stop()
    await daemon.stop()
  }
  try {
    const docker = new Docker({ socketPath: daemon.socketPath })
    const fixtureIds = await buildAllFixtures(docker)
    project.provide('dockerHost', daemon.host)
    project.provide('dockerSocket', daemon.socketPath)
    project.provide('fixtureIds', fixtureIds)
    project.provide('registryFixtures', pushRegistryFixtures(registry.host))
  } catch (error) {
    await stop()
    throw error
  }
  return stop
}
