import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { fileURLToPath } from 'node:url'
import type { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'

const PROJECT = fileURLToPath(new URL('../..', import.meta.url))

type Configuration = Awaited<ReturnType<typeof getConfig>>

describe('electron-builder.yml', () => {
  let config: Configuration

  beforeAll(async () => {
    // Read the way `electron-builder` reads it, so a typo in the file name or a key shows here.
    config = await getConfig(PROJECT, null, null)
  })

  it("passes electron-builder's own schema (a misspelt fuse name would not)", async () => {
    const quiet = { isEnabled: false, add: () => undefined } as unknown as DebugLogger
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined()
  })

  it('flips the fuses that close the ways around the packaged app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // On until the renderer leaves file: (see the comment in electron-builder.yml).
      grantFileProtocolExtraPrivileges: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    })
  })
})
