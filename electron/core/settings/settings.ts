import { randomBytes } from 'node:crypto'
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { cacheCapBytes, engineName, engineTls, languageChoice, objectRef, pullPlatform, sidebarChoice, themeChoice } from '../../../shared/contract'
import { failure } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import type { PolicyRun, SavePolicyInput } from '../../../shared/policy-input'
import { policiesOf, withPolicyRun, withSavedPolicy, withoutPolicy } from './policies'
import type { EngineTls, SavedEngine, SettingsProblem, SidebarChoice, StrataSettings, ThemeChoice, LanguageChoice } from '../../../shared/types'
import { imageIdOf } from '../images/summary'
import { makeFolder } from '../fs/make-folder'
import { SETTINGS_FILE } from '../engine/config-dir'

/**
 * Strata's own settings, in settings.json of a config folder shared by the Electron
 * app (its user-data folder), `strata serve` and the command line. The file may hold
 * keys this module does not know (the app's engineHost): a write keeps them.
 */

export { SETTINGS_FILE }
/** Where a settings.json that is not JSON is moved before a write replaces it, so the user's text is not lost. */
export const UNREADABLE_FILE = 'settings.json.unreadable'
export const MAX_PINS = 10_000
export const MAX_SAVED_ENGINES = 100

export const DEFAULT_SETTINGS: StrataSettings = {
  pinnedImages: [],
  engines: [],
  defaultEngineHost: null,
  defaultEngineTls: null,
  theme: 'system',
  language: 'system',
  sidebar: 'auto',
  cacheCapBytes: null,
  defaultPullPlatform: null,
  cleanupPolicies: [],
  problem: null,
}

/** What settings.update may change; a null removes the key (the default applies). */
export interface SettingsChange {
  theme?: ThemeChoice
  language?: LanguageChoice
  sidebar?: SidebarChoice
  cacheCapBytes?: number | null
  defaultPullPlatform?: string | null
}

/** The file operations a write uses; tests replace them to fail half way. */
export interface SettingsFileOps {
  writeFile(path: string, data: string): Promise<void>
  rename(from: string, to: string): Promise<void>
}

const NODE_OPS: SettingsFileOps = {
  writeFile: (path, data) => writeFile(path, data, { mode: 0o600 }),
  rename,
}

type Stored = { kind: 'missing' } | { kind: 'ok'; record: Record<string, unknown> } | { kind: 'corrupt' } | { kind: 'unreadable'; message: string }

/** A full image ID is stored with its algorithm, so `abc…` and `sha256:abc…` are one pin. */
export function normalizePin(ref: string): string {
  return imageIdOf(ref) ?? ref
}

/** The pins of a parsed file; entries that are not image references (a hand-edited file) are dropped. */
function pinsOf(record: Record<string, unknown>): string[] {
  const value = record.pinnedImages
  if (!Array.isArray(value)) return []
  const pins = new Set<string>()
  for (const entry of value) {
    if (typeof entry === 'string' && objectRef.safeParse(entry).success) pins.add(normalizePin(entry))
  }
  return [...pins].slice(0, MAX_PINS)
}

/** The saved engines of a parsed file; malformed entries (a hand-edited file) are dropped, a repeated name keeps its first entry. */
function enginesOf(record: Record<string, unknown>): SavedEngine[] {
  const value = record.engines
  if (!Array.isArray(value)) return []
  const engines: SavedEngine[] = []
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.host !== 'string' || entry.host.trim() === '') continue
    const name = engineName.safeParse(entry.name)
    if (!name.success || engines.some((engine) => engine.name === name.data)) continue
    engines.push({ name: name.data, host: entry.host, tls: tlsOf(entry.tls) })
  }
  return engines.slice(0, MAX_SAVED_ENGINES)
}

/** TLS files as stored; anything the contract would refuse (a hand-edited file) reads as none. */
function tlsOf(value: unknown): EngineTls | null {
  const parsed = engineTls.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** A saved engine as written to the file: no tls key when it has none. */
function storedEngine(engine: SavedEngine): Record<string, unknown> {
  return engine.tls === null ? { name: engine.name, host: engine.host } : { name: engine.name, host: engine.host, tls: engine.tls }
}

/** The settings a parsed file stands for: a value that does not pass the contract's check reads as the default (the file keeps it until changed). */
export function settingsOf(record: Record<string, unknown>): Omit<StrataSettings, 'problem'> {
  const theme = themeChoice.safeParse(record.theme)
  const language = languageChoice.safeParse(record.language)
  const sidebar = sidebarChoice.safeParse(record.sidebar)
  const cap = cacheCapBytes.safeParse(record.cacheCapBytes)
  const platform = pullPlatform.safeParse(record.defaultPullPlatform)
  const host = record.engineHost
  return {
    pinnedImages: pinsOf(record),
    engines: enginesOf(record),
    defaultEngineHost: typeof host === 'string' && host.trim() !== '' ? host : null,
    defaultEngineTls: typeof host === 'string' && host.trim() !== '' ? tlsOf(record.engineTls) : null,
    theme: theme.success ? theme.data : 'system',
    language: language.success ? language.data : 'system',
    sidebar: sidebar.success ? sidebar.data : 'auto',
    cacheCapBytes: cap.success ? cap.data : null,
    defaultPullPlatform: platform.success ? platform.data : null,
    cleanupPolicies: policiesOf(record),
  }
}

function withKey(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(record).filter(([existing]) => existing !== key))
  return value === null || value === undefined ? rest : { ...rest, [key]: value }
}

const KEPT_NAME = /^settings\.json\.unreadable(-\d+)?$/

/** Where the next broken file goes: settings.json.unreadable, or -2, -3… beside earlier ones, so no kept text is replaced. */
async function nextKeptAside(dir: string): Promise<string> {
  const taken = new Set(await readdir(dir).catch(() => []))
  if (!taken.has(UNREADABLE_FILE)) return join(dir, UNREADABLE_FILE)
  let index = 2
  while (taken.has(`${UNREADABLE_FILE}-${String(index)}`)) index += 1
  return join(dir, `${UNREADABLE_FILE}-${String(index)}`)
}

/** The most recent broken file kept aside (the highest number: names are taken in order), if any. */
async function lastKeptAside(dir: string): Promise<string | null> {
  let newest: { name: string; index: number } | null = null
  for (const name of await readdir(dir).catch(() => [])) {
    const match = KEPT_NAME.exec(name)
    if (match === null) continue
    const index = match[1] === undefined ? 1 : Number(match[1].slice(1))
    if (newest === null || index > newest.index) newest = { name, index }
  }
  return newest === null ? null : join(dir, newest.name)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export class SettingsStore {
  /** What the file would hold when there is no config folder (tests, embedded cores). */
  private memory: Record<string, unknown> = {}
  private queue: Promise<unknown> = Promise.resolve()

  /** `dir` null keeps the settings in memory only. */
  constructor(
    readonly dir: string | null,
    private readonly ops: SettingsFileOps = NODE_OPS,
  ) {}

  get file(): string | null {
    return this.dir === null ? null : join(this.dir, SETTINGS_FILE)
  }

  /** Read afresh on every call: the app, serve and the CLI may each have changed the file since. */
  async get(): Promise<StrataSettings> {
    const stored = await this.read()
    const settings = stored.kind === 'ok' ? settingsOf(stored.record) : { ...DEFAULT_SETTINGS }
    return { ...settings, pinnedImages: [...settings.pinnedImages], engines: [...settings.engines], cleanupPolicies: [...settings.cleanupPolicies], problem: await this.problemOf(stored) }
  }

  /** Adds or removes one pin; pinning twice or unpinning what is not pinned changes nothing. */
  async pinImage(ref: string, pinned: boolean): Promise<StrataSettings> {
    await this.update((current) => {
      const pin = normalizePin(ref)
      const pins = pinsOf(current).filter((existing) => existing !== pin)
      if (pinned) pins.push(pin)
      if (pins.length > MAX_PINS) throw failure('INVALID_INPUT', problem('engine.tooManyPins', { max: MAX_PINS }))
      return { ...current, pinnedImages: pins }
    })
    return this.get()
  }

  /** Theme, language, sidebar, cache cap, default pull platform: each given field is set (null removes it), the others and unknown keys stay. */
  async change(change: SettingsChange): Promise<StrataSettings> {
    await this.update((current) => {
      let next = current
      if (change.theme !== undefined) next = withKey(next, 'theme', change.theme === 'system' ? null : change.theme)
      if (change.language !== undefined) next = withKey(next, 'language', change.language === 'system' ? null : change.language)
      if (change.sidebar !== undefined) next = withKey(next, 'sidebar', change.sidebar === 'auto' ? null : change.sidebar)
      if (change.cacheCapBytes !== undefined) next = withKey(next, 'cacheCapBytes', change.cacheCapBytes)
      if (change.defaultPullPlatform !== undefined) next = withKey(next, 'defaultPullPlatform', change.defaultPullPlatform)
      return next
    })
    return this.get()
  }

  /** Saves a named engine; a name saved before gets the new address in its place. `host` and `tls` are checked by the caller. */
  async saveEngine(name: string, host: string, tls: EngineTls | null = null): Promise<StrataSettings> {
    await this.update((current) => {
      const engines = enginesOf(current)
      const index = engines.findIndex((engine) => engine.name === name)
      if (index >= 0) engines[index] = { name, host, tls }
      else engines.push({ name, host, tls })
      if (engines.length > MAX_SAVED_ENGINES) throw failure('INVALID_INPUT', problem('engine.tooManyEngines', { max: MAX_SAVED_ENGINES }))
      return { ...current, engines: engines.map(storedEngine) }
    })
    return this.get()
  }

  /** Forgets a saved engine; a name that is not saved is refused, so a typo does not pass for success. */
  async removeEngine(name: string): Promise<StrataSettings> {
    await this.update((current) => {
      const engines = enginesOf(current)
      if (!engines.some((engine) => engine.name === name)) throw failure('NOT_FOUND', problem('engine.engineNotSaved', { name }), { name })
      const rest = engines.filter((engine) => engine.name !== name)
      return withKey(current, 'engines', rest.length === 0 ? null : rest.map(storedEngine))
    })
    return this.get()
  }

  /** Saves a cleanup policy (policies.ts says how names and lastRun are kept). */
  async savePolicy(input: SavePolicyInput): Promise<StrataSettings> {
    await this.update((current) => withSavedPolicy(current, input))
    return this.get()
  }

  /** Forgets a cleanup policy; a name that is not saved is refused, so a typo does not pass for success. */
  async removePolicy(name: string): Promise<StrataSettings> {
    await this.update((current) => withoutPolicy(current, name))
    return this.get()
  }

  /** Records the outcome of a policy's latest run (the schedule counts from it). */
  async recordPolicyRun(name: string, run: PolicyRun): Promise<StrataSettings> {
    await this.update((current) => withPolicyRun(current, name, run))
    return this.get()
  }

  /** The engine the app and `strata serve` open next time; null follows the docker CLI's order. */
  async setEngineHost(host: string | null, tls: EngineTls | null = null): Promise<void> {
    await this.update((current) => withKey(withKey(current, 'engineHost', host), 'engineTls', host === null ? null : tls))
  }

  /** What get() reports about the file: a broken one now, or the text an earlier broken one left beside it. */
  private async problemOf(stored: Stored): Promise<SettingsProblem | null> {
    const file = this.file
    const dir = this.dir
    if (file === null || dir === null) return null
    if (stored.kind === 'unreadable') return { kind: 'unreadable', file, keptAs: null, message: `${file} cannot be read (${stored.message}); the defaults are shown and changes are refused until it can be read.` }
    if (stored.kind === 'corrupt') {
      const keptAs = await nextKeptAside(dir)
      return { kind: 'corrupt', file, keptAs, message: `${file} is not a JSON object; the defaults are shown. The next change moves it to ${keptAs} and writes a new file.` }
    }
    const keptAs = await lastKeptAside(dir)
    return keptAs === null ? null : { kind: 'kept-aside', file, keptAs, message: `An earlier ${SETTINGS_FILE} that was not a JSON object was kept as ${keptAs}; the settings were started afresh.` }
  }

  /** One read-modify-write of the file, keeping every key `change` does not touch. */
  private update(change: (current: Record<string, unknown>) => Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.serially(async () => {
      const stored = await this.read()
      if (stored.kind === 'unreadable') {
        // Writing now would replace a file that may hold settings we cannot see.
        throw failure('INTERNAL', problem('engine.settingsUnreadable', { file: this.file ?? SETTINGS_FILE, reason: stored.message }))
      }
      const next = change(stored.kind === 'ok' ? stored.record : {})
      await this.write(next, stored.kind === 'corrupt')
      return next
    })
  }

  /** Read-modify-write steps of this process run one at a time, so two pins made together both stay. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async read(): Promise<Stored> {
    const file = this.file
    if (file === null) return { kind: 'ok', record: this.memory }
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' }
      return { kind: 'unreadable', message: messageOf(error) }
    }
    try {
      const parsed: unknown = JSON.parse(text)
      return isRecord(parsed) ? { kind: 'ok', record: parsed } : { kind: 'corrupt' }
    } catch {
      return { kind: 'corrupt' }
    }
  }

  /** Writes a temporary file beside settings.json and renames it over: readers see the old file or the new one, never half of one. */
  private async write(record: Record<string, unknown>, setAsideOld: boolean): Promise<void> {
    const dir = this.dir
    const file = this.file
    if (dir === null || file === null) {
      this.memory = record
      return
    }
    const temp = join(dir, `.${SETTINGS_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      await makeFolder(dir)
      if (setAsideOld) await this.ops.rename(file, await nextKeptAside(dir))
      await this.ops.writeFile(temp, `${JSON.stringify(record, null, 2)}\n`)
      await this.ops.rename(temp, file)
    } catch (error) {
      await rm(temp, { force: true })
      throw failure('INTERNAL', problem('engine.settingsUnsaved', { file, reason: messageOf(error) }))
    }
  }
}

/**
 * Cleanup options with the settings' pins added to the caller's (--keep, a test's
 * list): merged in the core, so every transport gets the same protection.
 */
export async function withSettingsPins<T extends { pinned: string[] }>(options: T, settings: SettingsStore): Promise<T> {
  const { pinnedImages } = await settings.get()
  return { ...options, pinned: [...new Set([...options.pinned, ...pinnedImages])] }
}
