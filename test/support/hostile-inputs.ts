import type { MethodName } from '../../shared/methods'

/**
 * A seeded generator of malformed contract calls: each method's well-shaped input
 * (naming nothing that exists) with one field replaced by a hostile value, a field
 * dropped, an unknown field added, or a body that is not an object at all.
 */

/** mulberry32: small, seeded, the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

/** Text that has broken parsers, routers, globs and file APIs before. */
const HOSTILE_TEXT = [
  '',
  ' ',
  'a//b',
  'a/../b',
  '..',
  '.',
  '/',
  '//',
  '../../../../etc/passwd',
  '/etc/passwd',
  '/dev/zero',
  '/dev/urandom',
  '/proc/self/fd/0',
  '/tmp',
  'C:\\Windows\\system32',
  '%ff',
  '%2e%2e%2f',
  'a%00b',
  'a\u0000b',
  '\u202e\u0301',
  '💥',
  'sha256:',
  'sha256:zzzz',
  'sha256:' + 'f'.repeat(63),
  'f'.repeat(65),
  '@sha256:' + 'a'.repeat(64),
  'a@b',
  'a:b:c',
  'a:',
  ':a',
  '-a',
  'A'.repeat(513),
  'x'.repeat(70_000),
  '**a**a**a**a**a**a**b',
  '*a*a*a*a*a*a*a*a*a*a*b',
  '?*?*?*?*?*?*?*?*?*?*x',
  '[',
  '\\',
  '<script>alert(1)</script>',
  '${process.exit()}',
  '__proto__',
  'constructor',
  'http://127.0.0.1:1/',
  'ssh://root@127.0.0.1',
  '\r\nX-Injected: 1',
  'all',
  'linux/',
  'linux/amd64/v8/extra',
]

const HOSTILE_VALUES: readonly unknown[] = [
  ...HOSTILE_TEXT,
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 31),
  1e308,
  [],
  [null],
  ['a//b'],
  Array.from({ length: 20_000 }, () => 'a'),
  {},
  // Parsed, so __proto__ is an own key that JSON.stringify sends, as a hostile client would.
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  nested(200),
]

function nested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level += 1) value = { inner: value }
  return value
}

/** Random text from the characters a reference, path or glob gives meaning to. */
function randomText(random: Random): string {
  const alphabet = 'ab09/.:@%*?_-\\ \u0000é'
  const length = Math.floor(random() * 24)
  let text = ''
  for (let index = 0; index < length; index += 1) text += alphabet.charAt(Math.floor(random() * alphabet.length))
  return text
}

export function hostileValue(random: Random): unknown {
  return random() < 0.25 ? randomText(random) : pick(random, HOSTILE_VALUES)
}

/**
 * A well-shaped input per method that names no existing image, container, file or
 * registry: a mutation of it may reach deep into the method, yet any call that still
 * succeeds changes nothing the tests rely on. `readOnlyRef` is an existing image for
 * the methods that only read, so their other fields reach the layer code. `engineHost`
 * is the engine under test: switching to it (or to null, which the caller's DOCKER_HOST
 * must resolve to the same engine) leaves every later call on it.
 */
export function templates(readOnlyRef: string, scratchDir: string, engineHost: string): Record<MethodName, Record<string, unknown>> {
  const absent = 'strata-fuzz/absent:1'
  return {
    'engine.info': {},
    'engine.state': {},
    'engine.diskUsage': {},
    'engines.use': { host: engineHost, save: false },
    'images.rows': {},
    'images.list': { dangling: false },
    'images.get': { id: readOnlyRef },
    'images.inspect': { ref: readOnlyRef },
    'images.blockers': { ref: readOnlyRef },
    'images.chains': {},
    'images.untag': { tag: absent },
    'images.remove': { id: absent, clearBlockers: false, force: false, confirmedBlockers: [] },
    'images.removePlatform': { id: absent, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    'images.planRemoveSet': { ids: [readOnlyRef] },
    'images.removeSet': { ids: [absent], removeContainers: false, confirmedBlockers: [] },
    'containers.list': { size: false },
    'layers.analyze': { ref: readOnlyRef, files: false, taskId: 'fuzz' },
    'layers.analyzeArchive': { path: `${scratchDir}/absent.tar`, files: false, taskId: 'fuzz' },
    'layers.advice': { ref: readOnlyRef, taskId: 'fuzz' },
    'layers.tree': { ref: readOnlyRef, layer: 0, path: 'bin', onlyChanges: false },
    'layers.search': { ref: readOnlyRef, pattern: 'busy*', onlyChanges: false, limit: 10 },
    'layers.readFile': { ref: readOnlyRef, path: 'bin/busybox', maxBytes: 16 },
    'layers.diff': { a: readOnlyRef, b: absent },
    'tasks.cancel': { taskId: 'fuzz-none' },
    'containers.start': { id: 'strata-fuzz-absent' },
    'containers.stop': { id: 'strata-fuzz-absent', timeoutSeconds: 1 },
    'containers.restart': { id: 'strata-fuzz-absent', timeoutSeconds: 1 },
    'containers.remove': { id: 'strata-fuzz-absent', volumes: false, force: false },
    'containers.changes': { id: 'strata-fuzz-absent' },
    'containers.inspect': { id: 'strata-fuzz-absent' },
    'containers.files': { id: 'strata-fuzz-absent', path: 'etc', onlyChanges: false },
    'containers.commit': { id: 'strata-fuzz-absent', repository: 'strata-fuzz/commit', tag: '1', changes: { env: ['A=1'] } },
    'containers.commitPreview': { id: 'strata-fuzz-absent', repository: 'strata-fuzz/commit', tag: '1', changes: {} },
    // An image that is not here: a mutation that stays valid is refused by the engine lookup, and nothing is created.
    'containers.run': { image: absent, name: 'strata-fuzz-run', cmd: ['true'], env: ['A=1'], ports: [{ containerPort: 80, protocol: 'tcp' }], mounts: [{ type: 'volume', name: 'strata-fuzz', target: '/data', readOnly: true }], start: false },
    'containers.logSizes': { id: 'strata-fuzz-absent' },
    'cleanup.plan': { dangling: true },
    'cleanup.execute': { options: { dangling: true }, confirmed: [] },
    'registry.inspect': { ref: '127.0.0.1:1/strata-fuzz/absent:1' },
    'registry.pull': { ref: '127.0.0.1:1/strata-fuzz/absent:1', platform: 'linux/amd64' },
    'registry.push': { ref: absent },
    'registry.login': { registry: '127.0.0.1:1', username: 'fuzz', password: 'fuzz' },
    'registry.logout': { registry: '127.0.0.1:1' },
    'images.tag': { source: absent, target: 'strata-fuzz/target:1' },
    'images.save': { refs: [absent], path: `${scratchDir}/save.tar` },
    'images.load': { path: `${scratchDir}/absent.tar` },
    'images.platforms': { ref: absent },
    'settings.get': {},
    'settings.pinImage': { ref: absent, pinned: false },
    // Each of these succeeds harmlessly: a theme, no cap, an engine saved under a fuzz name that nothing opens.
    'settings.update': { theme: 'dark', cacheCapBytes: null, defaultPullPlatform: 'linux/amd64' },
    'settings.saveEngine': { name: 'strata-fuzz-engine', host: 'tcp://127.0.0.1:1' },
    'settings.removeEngine': { name: 'strata-fuzz-absent' },
    // A policy saved under a fuzz name that no schedule runs (schedule off, nothing promised); the others name no policy.
    'settings.savePolicy': { name: 'strata-fuzz-policy', options: { dangling: true }, schedule: 'off', promised: null },
    'settings.removePolicy': { name: 'strata-fuzz-absent' },
    'settings.recordPolicyRun': { name: 'strata-fuzz-absent', run: { at: '2025-01-01T00:00:00Z', trigger: 'cli', removed: 0, skipped: 0, failed: 0, bytesFreed: 0, predictedBytes: 0 } },
    'cache.usage': {},
    'cache.clear': {},
    'engines.discover': { timeoutMs: 300 },
    'engines.probe': { host: 'tcp://127.0.0.1:1', tls: null, timeoutMs: 300 },
    'engines.trustHostKey': { endpoint: 'ssh://nobody@127.0.0.1:1', fingerprint: `SHA256:${'A'.repeat(43)}` },
  }
}

export type Mutation = { kind: 'field'; field: string } | { kind: 'drop'; field: string } | { kind: 'extra' } | { kind: 'body' }

/** One malformed input derived from a template, with what was done to it. */
export function mutate(template: Record<string, unknown>, random: Random): { input: unknown; mutation: Mutation } {
  const fields = Object.keys(template)
  const roll = random()
  if (roll < 0.08 || fields.length === 0) {
    const input = pick(random, [null, 'text', 42, true, [], [template], hostileValue(random)])
    return { input, mutation: { kind: 'body' } }
  }
  if (roll < 0.16) {
    const field = pick(random, fields)
    const input = { ...template }
    // Reflect.deleteProperty: the dynamic-delete lint rule reads `delete input[field]` as a map misuse.
    Reflect.deleteProperty(input, field)
    return { input, mutation: { kind: 'drop', field } }
  }
  if (roll < 0.22) return { input: { ...template, [pick(random, ['extra', '__proto__', 'constructor', 'toString'])]: hostileValue(random) }, mutation: { kind: 'extra' } }
  const field = pick(random, fields)
  const nestedTemplate = template[field]
  // Objects inside the input (commit changes, cleanup options) are mutated a level down too.
  if (typeof nestedTemplate === 'object' && nestedTemplate !== null && !Array.isArray(nestedTemplate) && random() < 0.5) {
    const inner = mutate(nestedTemplate as Record<string, unknown>, random)
    return { input: { ...template, [field]: inner.input }, mutation: { kind: 'field', field } }
  }
  return { input: { ...template, [field]: hostileValue(random) }, mutation: { kind: 'field', field } }
}

/** Every string anywhere in a value, for checking that none of them names something that exists. */
export function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value)
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found)
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, found)
  return found
}
