import { existsSync } from 'node:fs'
import Docker from 'dockerode'
import type { TestProject } from 'vitest/node'
import { startPrivateDaemon } from './daemon'
import { buildAllFixtures } from './fixtures'

declare module 'vitest' {
  export interface ProvidedContext {
    dockerHost: string
    dockerSocket: string
    fixtureIds: { base: string; app: string }
  }
}

/** One private dockerd and one build of the fixtures for every engine test file of the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('out/renderer/index.html') || !existsSync('out/main/cli.js')) {
    throw new Error('Strata is not built: run `npm run build` first (npm test does it for you).')
  }
  const daemon = await startPrivateDaemon()
  try {
    const docker = new Docker({ socketPath: daemon.socketPath })
    const fixtureIds = await buildAllFixtures(docker)
    project.provide('dockerHost', daemon.host)
    project.provide('dockerSocket', daemon.socketPath)
    project.provide('fixtureIds', fixtureIds)
  } catch (error) {
    await daemon.stop()
    throw error
  }
  return () => daemon.stop()
}
