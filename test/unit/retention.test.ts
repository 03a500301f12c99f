import { describe, expect, it } from 'vitest'
import { compareVersions, decidingRule, globMatches, parseVersion, retentionAgeMs, retentionVerdicts, splitTag, type RetentionImage } from '../../shared/retention'
import { retentionRules, type RetentionImageVerdict, type RetentionRules } from '../../shared/retention-input'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.parse('2025-06-01T00:00:00Z')

/** One image per reference, `age` days before NOW. */
function img(id: string, tags: string[], ageDays: number): RetentionImage {
  return { id, repoTags: tags, created: NOW - ageDays * DAY }
}

function rules(input: unknown): RetentionRules {
  return retentionRules.parse(input)
}

/** image ID -> its verdict, for terse assertions. */
function verdictsOf(images: RetentionImage[], input: unknown, now = NOW): Record<string, RetentionImageVerdict['verdict']> {
  return Object.fromEntries(retentionVerdicts(images, rules(input), now).map((verdict) => [verdict.imageId, verdict.verdict]))
}

function keptIds(images: RetentionImage[], input: unknown): string[] {
  return retentionVerdicts(images, rules(input), NOW)
    .filter((verdict) => verdict.verdict === 'kept')
    .map((verdict) => verdict.imageId)
    .sort()
}

describe('splitTag', () => {
  it('takes the tag after the last colon that follows the last slash', () => {
    expect(splitTag('app:1')).toEqual({ repository: 'app', tag: '1' })
    expect(splitTag('localhost:5000/app:1')).toEqual({ repository: 'localhost:5000/app', tag: '1' })
    expect(splitTag('ghcr.io/acme/tools/cli:v2.0.0-rc.1')).toEqual({ repository: 'ghcr.io/acme/tools/cli', tag: 'v2.0.0-rc.1' })
    // A registry port is not a tag.
    expect(splitTag('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: 'latest' })
  })
})

describe('globMatches', () => {
  it('matches the whole text, * any run, ? one character, dots literal', () => {
    expect(globMatches('ci-*', 'ci-1234')).toBe(true)
    expect(globMatches('ci-*', 'xci-1')).toBe(false)
    expect(globMatches('v?', 'v1')).toBe(true)
    expect(globMatches('v?', 'v10')).toBe(false)
    expect(globMatches('1.0', '1x0')).toBe(false)
    expect(globMatches('ghcr.io/acme/*', 'ghcr.io/acme/tools/cli')).toBe(true)
    expect(globMatches('ghcr.io/acme/*', 'ghcr.io/acme')).toBe(false)
    expect(globMatches('latest', 'latest')).toBe(true)
  })
})

describe('versions', () => {
  it('reads optional v, numeric dot parts and an optional pre-release', () => {
    expect(parseVersion('1.10')).toEqual({ parts: [1, 10], pre: [] })
    expect(parseVersion('v2.0.0-rc.1')).toEqual({ parts: [2, 0, 0], pre: ['rc', '1'] })
    expect(parseVersion('7')).toEqual({ parts: [7], pre: [] })
    for (const notVersion of ['latest', 'v', '1.', '.1', '1..2', 'ci-12', '1.2-', 'V1.2', '1.2_3']) expect(parseVersion(notVersion), notVersion).toBeNull()
  })

  it('orders 1.10 after 1.9 and a pre-release before its release', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc1', '1.0.0', '1.9', 'v1.10', '2']
    const sorted = [...order].reverse().sort((a, b) => compareVersions(parseVersion(a) ?? { parts: [], pre: [] }, parseVersion(b) ?? { parts: [], pre: [] }))
    expect(sorted).toEqual(order)
    expect(compareVersions(parseVersion('1.0') ?? { parts: [], pre: [] }, parseVersion('1.0.0') ?? { parts: [], pre: [] })).toBe(0)
  })
})

describe('retentionAgeMs', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(retentionAgeMs('30m')).toBe(30 * 60_000)
    expect(retentionAgeMs('12h')).toBe(12 * HOUR)
    expect(retentionAgeMs('7d')).toBe(7 * DAY)
    expect(retentionAgeMs('2w')).toBe(14 * DAY)
    expect(retentionAgeMs('0d')).toBeNull()
    expect(retentionAgeMs('7')).toBeNull()
  })
})

describe('retentionVerdicts: keep-last', () => {
  // 12 tags created a day apart, named so their names do not sort by age: b0 is the newest.
  const twelve = Array.from({ length: 12 }, (_, index) => img(`i${index}`, [`app:build-${String.fromCharCode(97 + ((index * 5) % 12))}`], index))

  it('keeps the newest N by creation time when a tag is not a version, drops the rest naming the count', () => {
    const verdicts = retentionVerdicts(twelve, rules({ keepLast: 3 }), NOW)
    expect(verdicts.filter((verdict) => verdict.verdict === 'kept').map((verdict) => verdict.imageId)).toEqual(['i0', 'i1', 'i2'])
    expect(verdicts.filter((verdict) => verdict.verdict === 'dropped')).toHaveLength(9)
    expect(verdicts[0]?.tags).toEqual([{ tag: 'app:build-a', verdict: 'kept', rule: { kind: 'keep-last', count: 3 }, override: null }])
    expect(verdicts[11]?.tags[0]?.rule).toEqual({ kind: 'beyond-last', count: 3 })
  })

  it('does not depend on the order images are listed in', () => {
    const forwards = retentionVerdicts(twelve, rules({ keepLast: 5 }), NOW)
    const backwards = retentionVerdicts([...twelve].reverse(), rules({ keepLast: 5 }), NOW)
    const byId = (list: RetentionImageVerdict[]): Record<string, string> => Object.fromEntries(list.map((verdict) => [verdict.imageId, verdict.verdict]))
    expect(byId(backwards)).toEqual(byId(forwards))
    expect(backwards.map((verdict) => verdict.imageId)).toEqual([...twelve].reverse().map((image) => image.id))
  })

  it('orders by version when every tag reads as one, whatever the creation times', () => {
    // 1.10 was built before 1.9 (a backport of 1.9 rebuilt later); it is still the newer version.
    const images = [img('v19', ['app:1.9'], 1), img('v110', ['app:1.10'], 5), img('v18', ['app:v1.8'], 0.5), img('rc', ['app:1.10.1-rc1'], 0.1)]
    expect(keptIds(images, { keepLast: 2 })).toEqual(['rc', 'v110'])
    expect(keptIds(images, { keepLast: 1 })).toEqual(['rc'])
    expect(keptIds([...images, img('rel', ['app:1.10.1'], 3)], { keepLast: 1 })).toEqual(['rel'])
  })

  it('falls back to creation time when one tag of the repository is not a version', () => {
    const images = [img('v19', ['app:1.9'], 1), img('v110', ['app:1.10'], 5), img('latest', ['app:latest'], 2)]
    expect(keptIds(images, { keepLast: 2 })).toEqual(['latest', 'v19'])
  })

  it('breaks ties in creation time by the tags in natural order, highest first', () => {
    const images = [img('a', ['app:build-9'], 1), img('b', ['app:build-10'], 1), img('c', ['app:build-2'], 1)]
    expect(keptIds(images, { keepLast: 1 })).toEqual(['b'])
    expect(keptIds([...images].reverse(), { keepLast: 2 })).toEqual(['a', 'b'])
  })

  it('ranks each repository apart, a registry port not splitting the repository', () => {
    const images = [
      img('p1', ['localhost:5000/app:1'], 3),
      img('p2', ['localhost:5000/app:2'], 2),
      img('q1', ['localhost:5001/app:1'], 3),
      img('q2', ['localhost:5001/app:2'], 2),
      img('plain', ['app:1'], 9),
    ]
    expect(verdictsOf(images, { keepLast: 1 })).toEqual({ p1: 'dropped', p2: 'kept', q1: 'dropped', q2: 'kept', plain: 'kept' })
  })

  it('keeps nothing by count with keep-last 0', () => {
    expect(verdictsOf([img('a', ['app:1'], 0), img('b', ['app:2'], 0)], { keepLast: 0 })).toEqual({ a: 'dropped', b: 'dropped' })
  })
})

describe('retentionVerdicts: keep-tag and drop-tag', () => {
  it('keeps a tag matching a keep pattern even beyond the newest N', () => {
    const images = [img('old', ['app:stable'], 30), img('n1', ['app:b1'], 2), img('n2', ['app:b2'], 1)]
    const verdicts = retentionVerdicts(images, rules({ keepLast: 1, keepTags: ['stable', 'release-*'] }), NOW)
    expect(verdicts.map((verdict) => [verdict.imageId, verdict.verdict, decidingRule(verdict)])).toEqual([
      ['old', 'kept', { kind: 'keep-tag', pattern: 'stable' }],
      ['n1', 'dropped', { kind: 'beyond-last', count: 1 }],
      ['n2', 'kept', { kind: 'keep-last', count: 1 }],
    ])
  })

  it('drops a matching tag only once its image is older than the age', () => {
    const images = [img('old', ['app:ci-1'], 8), img('young', ['app:ci-2'], 6), img('other', ['app:main'], 100)]
    const verdicts = retentionVerdicts(images, rules({ dropTags: [{ pattern: 'ci-*', olderThan: '1w' }] }), NOW)
    expect(verdicts.map((verdict) => [verdict.imageId, verdict.verdict])).toEqual([
      ['old', 'dropped'],
      ['young', 'none'],
      ['other', 'none'],
    ])
    expect(decidingRule(verdicts[0] as RetentionImageVerdict)).toEqual({ kind: 'drop-tag', pattern: 'ci-*', olderThan: '1w' })
    expect(decidingRule(verdicts[1] as RetentionImageVerdict)).toBeNull()
  })

  it('measures ages in minutes and hours against the instant given', () => {
    const image = { id: 'x', repoTags: ['app:ci-1'], created: NOW }
    const input = { dropTags: [{ pattern: 'ci-*', olderThan: '30m' }] }
    expect(verdictsOf([image], input, NOW + 30 * 60_000)).toEqual({ x: 'none' })
    expect(verdictsOf([image], input, NOW + 30 * 60_000 + 1)).toEqual({ x: 'dropped' })
    expect(verdictsOf([image], { dropTags: [{ pattern: 'ci-*', olderThan: '12h' }] }, NOW + 13 * HOUR)).toEqual({ x: 'dropped' })
  })

  it('lets keep-last and keep-tag win over drop-tag, naming the keeping rule', () => {
    const images = [img('newest', ['app:ci-9'], 10), img('pinned', ['app:ci-keep'], 20), img('older', ['app:ci-1'], 30)]
    const verdicts = retentionVerdicts(images, rules({ keepLast: 1, keepTags: ['*-keep'], dropTags: [{ pattern: 'ci-*', olderThan: '7d' }] }), NOW)
    expect(verdicts.map((verdict) => [verdict.imageId, verdict.verdict, decidingRule(verdict)?.kind])).toEqual([
      ['newest', 'kept', 'keep-last'],
      ['pinned', 'kept', 'keep-tag'],
      // Beyond the newest 1 and an old ci- tag: the drop-tag rule is the one named.
      ['older', 'dropped', 'drop-tag'],
    ])
  })

  it('keeps an image when any of its tags is kept, though another is dropped', () => {
    const images = [img('both', ['app:ci-1', 'app:stable'], 30), img('ci', ['app:ci-2'], 30)]
    const verdicts = retentionVerdicts(images, rules({ keepTags: ['stable'], dropTags: [{ pattern: 'ci-*', olderThan: '1d' }] }), NOW)
    expect(verdicts[0]).toEqual({
      imageId: 'both',
      verdict: 'kept',
      tags: [
        { tag: 'app:ci-1', verdict: 'dropped', rule: { kind: 'drop-tag', pattern: 'ci-*', olderThan: '1d' }, override: null },
        { tag: 'app:stable', verdict: 'kept', rule: { kind: 'keep-tag', pattern: 'stable' }, override: null },
      ],
    })
    expect(decidingRule(verdicts[0] as RetentionImageVerdict)).toEqual({ kind: 'keep-tag', pattern: 'stable' })
    expect(verdicts[1]?.verdict).toBe('dropped')
  })

  it('lists only images with tags', () => {
    expect(retentionVerdicts([img('untagged', [], 50), img('t', ['app:1'], 1)], rules({ keepLast: 0 }), NOW).map((verdict) => verdict.imageId)).toEqual(['t'])
  })
})

describe('retentionVerdicts: overrides', () => {
  const images = [
    img('a1', ['ghcr.io/acme/api:1'], 3),
    img('a2', ['ghcr.io/acme/api:2'], 2),
    img('a3', ['ghcr.io/acme/api:3'], 1),
    img('w1', ['web:1'], 3),
    img('w2', ['web:2'], 2),
    img('w3', ['web:3'], 1),
  ]

  it('replaces each field the first matching override sets, keeping the base for the others', () => {
    const input = {
      keepLast: 1,
      keepTags: ['1'],
      overrides: [
        { repository: 'ghcr.io/acme/*', keepLast: 2 },
        { repository: 'ghcr.io/*', keepLast: 0, keepTags: [] },
      ],
    }
    const verdicts = retentionVerdicts(images, rules(input), NOW)
    expect(Object.fromEntries(verdicts.map((verdict) => [verdict.imageId, [verdict.verdict, decidingRule(verdict), verdict.tags[0]?.override]]))).toEqual({
      a1: ['kept', { kind: 'keep-tag', pattern: '1' }, 'ghcr.io/acme/*'],
      a2: ['kept', { kind: 'keep-last', count: 2 }, 'ghcr.io/acme/*'],
      a3: ['kept', { kind: 'keep-last', count: 2 }, 'ghcr.io/acme/*'],
      w1: ['kept', { kind: 'keep-tag', pattern: '1' }, null],
      w2: ['dropped', { kind: 'beyond-last', count: 1 }, null],
      w3: ['kept', { kind: 'keep-last', count: 1 }, null],
    })
  })

  it('an override with an empty keep list drops what the base would have kept', () => {
    expect(verdictsOf(images, { keepLast: 1, keepTags: ['1'], overrides: [{ repository: 'web', keepTags: [] }] })).toMatchObject({ w1: 'dropped', a1: 'kept' })
  })

  it('rules only the repositories an override covers when the base has no rule', () => {
    expect(verdictsOf(images, { overrides: [{ repository: 'w?b', keepLast: 1 }] })).toEqual({ a1: 'none', a2: 'none', a3: 'none', w1: 'dropped', w2: 'dropped', w3: 'kept' })
  })
})
