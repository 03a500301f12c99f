// `npm run dist` as far as this machine can take it: the Linux app folder built by the real
// electron-builder from the real config, around a stand-in Electron (no Electron binary can
// be downloaded here), and the deb, rpm and AppImage targets run up to the point where they
// would call fpm or appimagetool (which are downloaded too), with what they would package
// captured instead.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { extractFile, listPackage } from '@electron/asar'
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses'
import { FuseState } from '@electron/fuses/dist/constants'
import { Arch, Platform, build } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { EngineInfo, ImageSummary } from '../../shared/types'
import { FIXTURES } from '../support/fixtures'
import { pngSize, runScript, stageProject, standInElectron } from '../support/packaging'

const exec = promisify(execFile)
const ELECTRON_VERSION = '41.7.1'
const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]

interface FpmRun {
  target: string
  args: string[]
  /** Every file fpm was handed under its install path, read before electron-builder deletes its temp files. */
  files: Map<string, string>
}

let stage: string
let appDir: string
let installed: string
const fpm: FpmRun[] = []
const appImageDesktop: string[] = []

function resolveTool(name: string): string {
  const found = ['/usr/bin', '/bin'].map((dir) => join(dir, name)).find((path) => existsSync(path))
  if (found === undefined) throw new Error(`${name} is not installed`)
  return found
}

function fileArgument(args: string[], flag: string): string {
  const at = args.indexOf(flag)
  if (at < 0) throw new Error(`fpm was not given ${flag}`)
  return args[at + 1] ?? ''
}

beforeAll(async () => {
  // What `npm run dist` runs after `npm run build` (the suite's setup checks that one).
  runScript('build:cli')
  runScript('icons')
  stage = stageProject()
  const output = join(stage, 'dist')
  await build({
    projectDir: stage,
    targets: Platform.LINUX.createTarget(['dir', 'deb', 'rpm', 'AppImage'], Arch.x64),
    config: { electronDist: standInElectron(stage, ELECTRON_VERSION), electronVersion: ELECTRON_VERSION, directories: { output } },
    // electron-builder's own hook for seeing a target's computed options: answering true
    // stops the target before it runs fpm or appimagetool.
    effectiveOptionComputed: (options: unknown) => {
      if (Array.isArray(options)) {
        const [args] = options as [string[], string]
        const files = new Map<string, string>()
        for (const arg of args) {
          const mapping = /^(\/.+)=(\/usr\/share\/applications\/.+)$/.exec(arg)
          if (mapping?.[1] !== undefined && mapping[2] !== undefined) files.set(mapping[2], readFileSync(mapping[1], 'utf8'))
        }
        files.set('after-install', readFileSync(fileArgument(args, '--after-install'), 'utf8'))
        files.set('after-remove', readFileSync(fileArgument(args, '--after-remove'), 'utf8'))
        // The target shows in the package file's extension (electron-builder passes `-t` to fpm separately).
        const target = fileArgument(args, '--package').split('.').pop() ?? ''
        fpm.push({ target, args, files })
      } else {
        appImageDesktop.push((options as { desktop: string }).desktop)
      }
      return Promise.resolve(true)
    },
  })
  // Installed where no node_modules folder lies above it, as in /opt: the packaged CLI
  // must not find a dependency by walking up into the build's own node_modules.
  installed = mkdtempSync(join(tmpdir(), 'strata-installed-'))
  appDir = join(installed, 'Strata')
  cpSync(join(output, 'linux-unpacked'), appDir, { recursive: true, verbatimSymlinks: true })
}, 300_000)

afterAll(() => {
  rmSync(stage, { recursive: true, force: true })
  rmSync(installed, { recursive: true, force: true })
})

describe('the Linux package contents (electron-builder --linux dir)', () => {
  it('names the GUI strata-desktop and flips the fuses in it, RunAsNode off', async () => {
    const executable = join(appDir, 'strata-desktop')
    expect(statSync(executable).mode & 0o111).not.toBe(0)
    const wire = await getCurrentFuseWire(executable)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
  })

  it('packs the built app and production dependencies into app.asar, and nothing else', () => {
    const asar = join(appDir, 'resources', 'app.asar')
    const entries = listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'))
    for (const wanted of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(entries).toContain(wanted)
    }
    // Direct and transitive production dependencies (docker-modem and ssh2 come with dockerode).
    for (const dependency of ['dockerode', 'docker-modem', 'ssh2', 'tar-stream', 'ws', 'zod', 'fzstd']) {
      expect(entries).toContain(`/node_modules/${dependency}/package.json`)
    }
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json'])
    expect(entries.filter((entry) => entry.startsWith('/out/cli'))).toEqual([])
    expect(entries.filter((entry) => !entry.startsWith('/node_modules/') && /\.(ts|vue|map)$/.test(entry))).toEqual([])
    for (const devOnly of ['electron', 'electron-builder', 'vitest', 'typescript', 'vue', 'playwright-core', 'vite', 'eslint']) {
      expect(entries).not.toContain(`/node_modules/${devOnly}`)
    }
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>
    expect(manifest.main).toBe('out/main/index.js')
    // Electron reads desktopName to name the window's WM_CLASS / app_id.
    expect(manifest.desktopName).toBe('strata-desktop.desktop')
    expect(manifest.devDependencies).toBeUndefined()
  })

  it('ships the command line outside the asar: the wrapper, the bundle with its chunks, the page for `strata serve`', () => {
    const resources = join(appDir, 'resources')
    expect(statSync(join(resources, 'bin', 'strata')).mode & 0o111).not.toBe(0)
    expect(existsSync(join(resources, 'bin', 'strata.cmd'))).toBe(true)
    expect(existsSync(join(resources, 'cli', 'strata.mjs'))).toBe(true)
    expect(existsSync(join(resources, 'renderer', 'index.html'))).toBe(true)
    // The bundle imports nothing from node_modules: there is none beside it.
    const bundle = readFileSync(join(resources, 'cli', 'strata.mjs'), 'utf8')
    expect(bundle).not.toMatch(/from ["'](dockerode|zod|ws|tar-stream|fzstd)["']/)
  })
})

describe('the CLI as the packages install it', () => {
  let bin: string
  let home: string

  beforeAll(() => {
    // /usr/bin/strata in the deb and rpm is a link to resources/bin/strata: the same here.
    home = mkdtempSync(join(tmpdir(), 'strata-packaged-cli-'))
    bin = join(home, 'usr-bin')
    mkdirSync(bin)
    symlinkSync(join(appDir, 'resources', 'bin', 'strata'), join(bin, 'strata'))
  })

  afterAll(() => {
    rmSync(home, { recursive: true, force: true })
  })

  const strata = async (...args: string[]): Promise<string> => {
    const env = { ...process.env, DOCKER_HOST: inject('dockerHost'), DOCKER_CONTEXT: '', XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config') }
    const { stdout } = await exec(join(bin, 'strata'), args, { env, cwd: home })
    return stdout
  }

  it('runs `strata engine --json` against the engine', async () => {
    const info = JSON.parse(await strata('engine', '--json')) as EngineInfo
    expect(info.endpoint.source).toBe('DOCKER_HOST')
    expect(info.endpoint.url).toBe(inject('dockerHost'))
    expect(info.apiVersion).toMatch(/^1\.\d+$/)
  })

  it('runs `strata images --json` against the engine', async () => {
    const images = JSON.parse(await strata('images', '--json')) as ImageSummary[]
    expect(images.some((image) => image.repoTags.includes(FIXTURES.base.tag))).toBe(true)
  })

  it('says in one line what it needs when no Node is found', async () => {
    // A PATH with the two tools the wrapper uses and no node.
    const tools = join(home, 'tools-without-node')
    mkdirSync(tools)
    for (const tool of ['readlink', 'dirname']) symlinkSync(resolveTool(tool), join(tools, tool))
    const run = exec(join(bin, 'strata'), ['--help'], { env: { PATH: tools } })
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^strata: the command line needs Node\.js 20\.19 or newer[^\n]*\n$/) as unknown })
  })
})

describe('what the deb, rpm and AppImage would hold (checked up to fpm and appimagetool)', () => {
  const deb = (): FpmRun => {
    const run = fpm.find((entry) => entry.target === 'deb')
    if (run === undefined) throw new Error('the deb target never reached fpm')
    return run
  }

  it('passes fpm the deb metadata it used to reject: homepage and a maintainer with e-mail', () => {
    const { args } = deb()
    expect(fileArgument(args, '--url')).toMatch(/^https:\/\//)
    expect(fileArgument(args, '--maintainer')).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/)
    expect(fpm.map((entry) => entry.target).sort()).toEqual(['deb', 'rpm'])
  })

  it('writes a desktop entry whose StartupWMClass is the desktopName Electron gives the window', () => {
    const entry = deb().files.get('/usr/share/applications/strata-desktop.desktop') ?? ''
    expect(entry).toMatch(/^StartupWMClass=strata-desktop$/m)
    expect(entry).toMatch(/^Exec=\/opt\/Strata\/strata-desktop %U$/m)
    expect(entry).toMatch(/^Icon=strata-desktop$/m)
    expect(entry).toMatch(/^Categories=Development;$/m)
    expect(appImageDesktop).toHaveLength(1)
    expect(appImageDesktop[0]).toMatch(/^StartupWMClass=strata-desktop$/m)
  })

  it('installs every icon size into the hicolor theme', () => {
    const icons = deb().args.filter((arg) => arg.includes('=/usr/share/icons/hicolor/'))
    const installed = icons.map((arg) => arg.slice(arg.indexOf('=/') + 1)).sort()
    expect(installed).toEqual(LINUX_ICON_SIZES.map((size) => `/usr/share/icons/hicolor/${size}x${size}/apps/strata-desktop.png`).sort())
    for (const arg of icons) {
      const [file = '', target = ''] = arg.split('=')
      const size = Number(/\/(\d+)x\d+\//.exec(target)?.[1])
      expect(pngSize(file)).toEqual({ width: size, height: size })
    }
  })

  it('links /usr/bin/strata to the CLI wrapper and /usr/bin/strata-desktop to the GUI after install', async () => {
    for (const run of fpm) {
      const script = run.files.get('after-install') ?? ''
      expect(script).toContain(`ln -sf "$app/resources/bin/strata" /usr/bin/strata`)
      expect(script).toContain(`ln -sf "$app/strata-desktop" '/usr/bin/strata-desktop'`)
      expect(script).toContain(`app='/opt/Strata'`)
      expect(run.files.get('after-remove')).toContain(`for link in '/usr/bin/strata-desktop' /usr/bin/strata; do`)
      // What the script links to exists in the package at that path (/opt/Strata = the app folder).
      expect(existsSync(join(appDir, 'resources', 'bin', 'strata'))).toBe(true)
      await expect(exec('sh', ['-n', '-c', script])).resolves.toBeDefined()
    }
  })
})

describe('the icons the build drew', () => {
  it('has the 1024 px master electron-builder turns into .icns and .ico', () => {
    expect(pngSize(join(stage, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 })
  })
})
