import { getConfig } from 'app-builder-lib/out/util/config/config'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const PROJECT = fileURLToPath(new URL('../..', import.meta.url))

type Configuration = Awaited<ReturnType<typeof getConfig>>
interface TargetEntry {
  target: string
  arch: string[]
}

function targetsOf(platform: { target?: unknown } | null | undefined): TargetEntry[] {
  return (platform?.target ?? []) as TargetEntry[]
}

// The packaging decisions no offline build here can exercise (macOS, Windows, signing).
describe('electron-builder.yml packaging choices', () => {
  let config: Configuration

  beforeAll(async () => {
    config = await getConfig(PROJECT, null, null)
  })

  it('never rebuilds native modules (Strata has none; cpu-features cannot build)', () => {
    expect(config.npmRebuild).toBe(false)
  })

  it('builds every desktop target for x64 and arm64', () => {
    const all = [...targetsOf(config.linux), ...targetsOf(config.mac), ...targetsOf(config.win)]
    expect(all.map((entry) => entry.target).sort()).toEqual(['AppImage', 'deb', 'dmg', 'nsis', 'rpm', 'zip'])
    for (const entry of all) expect(entry.arch).toEqual(['x64', 'arm64'])
  })

  it('gives each arch its own macOS and Windows artifact name', () => {
    expect(config.mac?.artifactName).toContain('${arch}')
    expect(config.nsis?.artifactName).toContain('${arch}')
  })

  it('makes an assisted Windows installer that offers per-user or per-machine', () => {
    expect(config.nsis?.oneClick).toBe(false)
    expect(config.nsis?.perMachine).toBe(false)
  })

  it('signs macOS builds with the hardened runtime and JIT as the only exception', () => {
    expect(config.mac?.hardenedRuntime).toBe(true)
    expect(config.mac?.notarize).toBe(true)
    const plist = readFileSync(`${PROJECT}${config.mac?.entitlements ?? ''}`, 'utf8')
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit'])
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements)
  })

  it('keeps the GUI off the `strata` name on Linux', () => {
    expect(config.linux?.executableName).toBe('strata-desktop')
  })
})
