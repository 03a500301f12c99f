import { describe, expect, it } from 'vitest'
import { DEFAULT_FORM, formOptions, parseLabelRules } from '../../renderer/lib/cleanup-form'
import { reportVerdict, whyText } from '../../renderer/lib/cleanup-text'
import { foldSmall, layoutDiskMap } from '../../renderer/lib/disk-tiles'
import { localeFormat } from '../../renderer/i18n/format'
import { translator } from '../../renderer/i18n/translator'
import type { CleanupItem, CleanupOutcome, CleanupPlan, CleanupReport, DiskMap } from '../../shared/types'

const t = translator('en')
const zh = translator('zh-CN')
const en = localeFormat('en')
const words = { t, fmt: en }

describe('parseLabelRules and formOptions', () => {
  it('splits on commas and new lines, keeps values with spaces, drops repeats, reports what the engine would refuse', () => {
    expect(parseLabelRules(' a=1, b ,\nc=two words,a=1,, ')).toEqual({ rules: ['a=1', 'b', 'c=two words'], invalid: [] })
    expect(parseLabelRules('=x, bad key=1, ok')).toEqual({ rules: ['ok'], invalid: ['=x', 'bad key=1'] })
  })

  it('makes the plan options of the form, and says what to fix instead when it selects nothing or holds a mistake', () => {
    expect(formOptions(DEFAULT_FORM, t)).toEqual({
      options: { dangling: true, unused: false, labels: [], labelsNot: [], containers: false, buildCache: false, volumes: false },
      problem: null,
    })
    const chosen = formOptions({ ...DEFAULT_FORM, dangling: false, unused: true, labels: 'strata.test=cleanup-e2e', labelsNot: 'keep', olderThan: true, until: '2024-05-01', buildCache: true }, t)
    expect(chosen.options).toEqual({ dangling: false, unused: true, labels: ['strata.test=cleanup-e2e'], labelsNot: ['keep'], containers: false, buildCache: true, volumes: false, until: '2024-05-01' })
    // Volumes alone are a choice: the form sends them and selects nothing else.
    expect(formOptions({ ...DEFAULT_FORM, dangling: false, volumes: true }, t)).toMatchObject({ options: { volumes: true, dangling: false, unused: false }, problem: null })
    expect(formOptions({ ...DEFAULT_FORM, dangling: false }, t).problem).toBe('Choose what to clean up.')
    // A label filter alone selects (unused images, as the core reads it).
    expect(formOptions({ ...DEFAULT_FORM, dangling: false, labels: 'a=1' }, t).problem).toBeNull()
    expect(formOptions({ ...DEFAULT_FORM, olderThan: true, until: '' }, t)).toEqual({ options: null, problem: 'Choose the date images must be older than.' })
    expect(formOptions({ ...DEFAULT_FORM, labelsNot: '=oops' }, t).problem).toBe('Not a label filter: =oops (use key or key=value)')
    expect(formOptions({ ...DEFAULT_FORM, labelsNot: '=oops' }, zh).problem).toBe('不是有效的标签筛选：=oops（请使用 key 或 key=value）')
    expect(formOptions({ ...DEFAULT_FORM, dangling: false }, zh).problem).toBe('请选择要清理的内容。')
  })
})

function item(key: string, names: string[], after: string[] = []): CleanupItem {
  const [kind, id] = key.split(':') as [CleanupItem['kind'], string]
  return { key, kind, id, names, reason: kind === 'container' ? 'stopped-container' : 'unused', rule: null, after, size: 10, bytesFreed: 10, created: null }
}

describe('whyText', () => {
  it('names the earlier items an item waits for', () => {
    const container = item('container:c1', ['web'])
    const image = item('image:sha256:1', ['app:1'], ['container:c1', 'image:sha256:2', 'image:sha256:3'])
    const plan = { items: [container, item('image:sha256:2', ['child:1']), item('image:sha256:3', []), image] } as CleanupPlan
    expect(whyText(t, container, plan)).toBe('stopped container')
    expect(whyText(t, image, plan)).toBe('unused once container web, image child:1, 1 more go')
    expect(whyText(zh, image, plan)).toBe('容器 web、镜像 child:1、另外 1 项 删除后即未使用')
    expect(whyText(t, item('image:sha256:9', [], ['container:c1']), plan)).toBe('unused once container web goes')
  })
})

function outcome(status: CleanupOutcome['status'], bytesFreed: number): CleanupOutcome {
  return { key: 'image:x', kind: 'image', id: 'x', names: [], status, reason: status === 'removed' ? null : 'why', blockers: [], bytesFreed, untagged: [], error: null }
}

function report(predictedBytes: number, freedBytes: number, outcomes: CleanupOutcome[], cancelled = false): CleanupReport {
  const bytes = { layers: 0, containers: 0, buildCache: 0, volumes: 0 }
  return { predictedBytes, freedBytes, predicted: bytes, freed: bytes, layersBytesBefore: 0, layersBytesAfter: 0, layersBytesSource: 'engine', cancelled, interrupted: null, outcomes }
}

describe('reportVerdict', () => {
  it('says so when freed equals predicted', () => {
    expect(reportVerdict(t, en, report(2_500_000, 2_500_000, [outcome('removed', 2_500_000)]), 2_500_000)).toEqual({ exact: true, headline: 'Freed exactly the predicted 2.50 MB.', explanations: [] })
  })

  it('explains a shortfall by the items skipped, failed or cancelled, and the rest by outside changes', () => {
    const verdict = reportVerdict(t, en, report(3000, 1000, [outcome('removed', 1000), outcome('skipped', 1500), outcome('failed', 400)], true), 3000)
    expect(verdict.exact).toBe(false)
    expect(verdict.headline).toBe('Freed 1.00 kB, less than the predicted 3.00 kB.')
    expect(verdict.explanations).toEqual([
      'The cleanup was cancelled: the items after the last one handled were left alone.',
      '2 items were skipped or failed; they were predicted to free 1.90 kB.',
      '100 B less than predicted came free: something else used layers, containers or cache entries while the cleanup ran.',
    ])
  })

  it('explains freeing more, and a plan that changed between showing and running', () => {
    const verdict = reportVerdict(t, en, report(1000, 1200, [outcome('removed', 1000)]), 900)
    expect(verdict.headline).toBe('Freed 1.20 kB, more than the predicted 1.00 kB.')
    expect(verdict.explanations).toEqual([
      'The engine changed between the plan you saw (900 B) and the start of the cleanup, which planned again and predicted 1.00 kB.',
      '200 B more than predicted came free: something else removed images, containers or cache entries while the cleanup ran.',
    ])
  })

  it('says it in Chinese, one plural form', () => {
    const verdict = reportVerdict(zh, localeFormat('zh-CN'), report(3000, 1000, [outcome('removed', 1000), outcome('skipped', 1500), outcome('failed', 400)], true), 3000)
    expect(verdict.headline).toBe('已释放 1.00 kB，少于预计的 3.00 kB。')
    expect(verdict.explanations[1]).toBe('2 项被跳过或失败，原预计可释放 1.90 kB。')
    expect(reportVerdict(t, en, report(1000, 500, [outcome('removed', 500), outcome('skipped', 500)]), 1000).explanations).toEqual([
      '1 item was skipped or failed; it was predicted to free 500 B.',
    ])
  })
})

function diskMap(imageCount: number): DiskMap {
  const totals = { layers: 0, containers: 0, buildCache: 0, volumes: 0, logs: 0, total: 0 }
  return {
    images: Array.from({ length: imageCount }, (_, index) => ({ id: `sha256:${String(index).padStart(64, '0')}`, names: [`img/${index}:1`], uniqueBytes: 1000 + index, sharedBytes: 5, planned: index % 2 === 0, protected: index === 1 })),
    sharedPool: { bytes: 800, freedBytes: 300, layers: [{ chainId: `sha256:${'c'.repeat(64)}`, bytes: 500, holders: ['a', 'b'], freed: false }, { chainId: `sha256:${'d'.repeat(64)}`, bytes: 300, holders: ['a', 'c'], freed: true }] },
    containers: [{ id: 'c'.repeat(64), names: ['web'], imageId: 'x', state: 'exited', writableBytes: 700, planned: true }, { id: 'e'.repeat(64), names: ['idle'], imageId: 'x', state: 'running', writableBytes: 0, planned: false }],
    buildCache: [{ id: 'k1', type: 'regular', description: 'RUN make', bytes: 400, inUse: false, shared: false, planned: false }],
    volumes: [],
    logs: [
      { id: 'c'.repeat(64), names: ['web'], driver: 'json-file', bytes: 250, unbounded: true },
      { id: 'e'.repeat(64), names: ['idle'], driver: 'local', bytes: 0, unbounded: false },
    ],
    logsUnmeasured: { 'driver-not-file': 1 },
    before: totals,
    after: totals,
    engineLayersBytes: 0,
  }
}

describe('layoutDiskMap', () => {
  it('sizes groups by their bytes and places every tile inside its group, flags kept', () => {
    const { groups, tiles } = layoutDiskMap(diskMap(3), 800, 300, words)
    expect(groups.map((group) => [group.id, group.bytes, group.plannedBytes])).toEqual([
      ['images', 3003, 2002],
      ['shared', 800, 300],
      ['containers', 700, 700],
      ['build-cache', 400, 0],
      // Logs are never planned: Strata does not truncate them.
      ['logs', 250, 0],
    ])
    // An empty writable layer takes no room.
    expect(tiles.map((tile) => tile.key)).not.toContain(`container:${'e'.repeat(64)}`)
    expect(tiles).toHaveLength(3 + 2 + 1 + 1 + 1)
    for (const tile of tiles) {
      const group = groups.find((candidate) => candidate.id === tile.group)
      expect(group).toBeDefined()
      if (group === undefined) continue
      expect(tile.rect.x).toBeGreaterThanOrEqual(group.rect.x)
      expect(tile.rect.y).toBeGreaterThanOrEqual(group.rect.y)
      expect(tile.rect.x + tile.rect.width).toBeLessThanOrEqual(group.rect.x + group.rect.width + 1e-6)
      expect(tile.rect.y + tile.rect.height).toBeLessThanOrEqual(group.rect.y + group.rect.height + 1e-6)
    }
    const byKey = Object.fromEntries(tiles.map((tile) => [tile.key, tile]))
    expect(byKey[`layer:sha256:${'d'.repeat(64)}`]?.planned).toBe(true)
    expect(byKey[`image:sha256:${String(1).padStart(64, '0')}`]?.protected).toBe(true)
    expect(byKey['build-cache:k1']?.label).toBe('RUN make')
    expect(byKey['build-cache:k1']?.detail).toBe('build cache (regular)')
    expect(byKey[`log:${'c'.repeat(64)}`]).toMatchObject({ label: 'web', planned: false, detail: 'container log (json-file, no rotation); a cleanup does not free it' })
    expect(byKey[`layer:sha256:${'c'.repeat(64)}`]?.detail).toBe('layer stored once, held by 2 images')
    expect(byKey[`image:sha256:${String(0).padStart(64, '0')}`]?.detail).toBe('image, 1.00 kB of its own layers (+5 B shared)')
    const chinese = layoutDiskMap(diskMap(3), 800, 300, { t: zh, fmt: localeFormat('zh-CN') })
    expect(chinese.groups.map((group) => group.label)).toEqual(['镜像独占层', '共享层', '容器可写层', '构建缓存', '容器日志'])
    expect(chinese.tiles.find((tile) => tile.key === 'build-cache:k1')?.detail).toBe('构建缓存（regular）')
  })

  it('draws 1,000 images as the largest ones plus one planned and one kept "more" tile', () => {
    const { tiles } = layoutDiskMap(diskMap(1000), 800, 300, words, 60)
    const images = tiles.filter((tile) => tile.group === 'images')
    expect(images).toHaveLength(62)
    const more = images.filter((tile) => tile.aggregate)
    // The squarified layout orders by size: the kept half is the larger (odd indexes are one byte bigger).
    expect(more.map((tile) => [tile.label, tile.planned])).toEqual([
      ['470 more', false],
      ['470 more', true],
    ])
    expect(more.map((tile) => tile.detail)).toEqual(['470 smaller entries', '470 smaller entries, all planned'])
    const total = images.reduce((sum, tile) => sum + tile.bytes, 0)
    expect(total).toBe(Array.from({ length: 1000 }, (_, index) => 1000 + index).reduce((sum, bytes) => sum + bytes, 0))
  })

  it('draws volumes as their own group, an anonymous one by its short name, in both languages', () => {
    const anonymous = 'f'.repeat(64)
    const map: DiskMap = {
      ...diskMap(1),
      volumes: [
        { name: 'db-data', anonymous: false, bytes: 900, inUse: true, planned: false },
        { name: anonymous, anonymous: true, bytes: 300, inUse: false, planned: true },
      ],
    }
    const { groups, tiles } = layoutDiskMap(map, 800, 300, words)
    expect(groups.find((group) => group.id === 'volumes')).toMatchObject({ label: 'Volumes', bytes: 1200, plannedBytes: 300 })
    const byKey = Object.fromEntries(tiles.filter((tile) => tile.group === 'volumes').map((tile) => [tile.key, tile]))
    expect(byKey['volume:db-data']).toMatchObject({ label: 'db-data', detail: 'named volume, in use', planned: false })
    expect(byKey[`volume:${anonymous}`]).toMatchObject({ label: 'ffffffffffff', detail: 'anonymous volume', planned: true })
    const chinese = layoutDiskMap(map, 800, 300, { t: zh, fmt: localeFormat('zh-CN') })
    expect(chinese.tiles.find((tile) => tile.key === `volume:${anonymous}`)?.detail).toBe('匿名数据卷')
    expect(chinese.groups.find((group) => group.id === 'volumes')?.label).toBe('数据卷')
  })

  it('folds nothing under the limit', () => {
    const entries = [1, 2, 3].map((bytes) => ({ key: String(bytes), label: '', detail: '', bytes, planned: false, protected: false, aggregate: false }))
    expect(foldSmall(entries, 3, words).map((entry) => entry.bytes)).toEqual([3, 2, 1])
  })
})

describe('reportVerdict of an interrupted cleanup', () => {
  it('leads with how far it got, and says the freed bytes were not measured', () => {
    const interrupted = { ...report(3000, 0, [outcome('removed', 1000), outcome('failed', 1500), outcome('skipped', 500)]), freedBytes: null, layersBytesAfter: null }
    interrupted.interrupted = { code: 'ENGINE_UNREACHABLE', message: 'No Docker engine answers at unix:///var/run/docker.sock.' }
    const verdict = reportVerdict(t, en, interrupted, 3000)
    expect(verdict.exact).toBe(false)
    expect(verdict.headline).toBe('Interrupted after removing 1 of 3 items. What it freed could not be measured.')
    expect(verdict.explanations).toEqual(['No Docker engine answers at unix:///var/run/docker.sock.', '2 items were not removed; they were predicted to free 2.00 kB.'])
    expect(reportVerdict(zh, localeFormat('zh-CN'), interrupted, 3000).headline).toBe('删除了 3 项中的 1 项后中断。无法测量实际释放的空间。')
  })
})
