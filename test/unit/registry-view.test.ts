import { describe, expect, it } from 'vitest'
import { localeFormat } from '../../renderer/i18n/format'
import { translator } from '../../renderer/i18n/translator'
import { pathProblem, pathWhere } from '../../renderer/lib/file-path'
import { describeFailure, downloadText, downloadTitle, isTagOf, newTaskId, percentOf, registryOfReference, shortDigest, shortLayerId, targetProblem } from '../../renderer/lib/registry-view'
import { statusWord } from '../../renderer/lib/registry-view'
import { applyLayer, rowDone, startTransfer } from '../../renderer/lib/transfer-state'
import { StrataError } from '../../shared/errors'
import { formatPlatform } from '../../shared/platform'

const t = translator('en')
const zh = translator('zh-CN')
const en = localeFormat('en')

const DIGEST = `sha256:${'ab12'.repeat(16)}`

describe('registry view helpers', () => {
  it('names the registry of a reference as docker login takes it', () => {
    expect(registryOfReference('127.0.0.1:5000/multi/busybox:1')).toBe('127.0.0.1:5000')
    expect(registryOfReference('ghcr.io/owner/app@sha256:abc')).toBe('ghcr.io')
    expect(registryOfReference('alpine:3.20')).toBe('docker.io')
    expect(registryOfReference('library/alpine')).toBe('docker.io')
    expect(registryOfReference('localhost/app')).toBe('localhost')
  })

  it('writes platforms as pull takes them and digests as the engine shortens them', () => {
    expect(formatPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7')
    expect(formatPlatform({ os: 'linux', architecture: 'amd64', variant: null })).toBe('linux/amd64')
    expect(shortLayerId(DIGEST)).toBe('ab12ab12ab12')
    expect(shortDigest(DIGEST)).toBe('sha256:ab12ab12ab12')
    expect(shortDigest('ab12ab12ab12ab12')).toBe('ab12ab12ab12')
  })

  it('says the download size, with the upper bound and its reason when blobs may be fetched again', () => {
    expect(downloadText(t, en, { downloadSize: 1_500_000, uncertainSize: 0 })).toBe('1.50 MB')
    expect(downloadText(t, en, { downloadSize: 1_500_000, uncertainSize: 500_000 })).toBe('1.50 MB (up to 2.00 MB)')
    expect(downloadText(t, en, { downloadSize: null, uncertainSize: 0 })).toBe('unknown')
    expect(downloadTitle(t, en, { downloadSize: 0, uncertainSize: 2000 })).toMatch(/^2.00 kB of layers are on disk already.*compressed digest/)
    expect(downloadTitle(t, en, { downloadSize: 10, uncertainSize: 0 })).toMatch(/no local image holds/)
    expect(downloadText(zh, localeFormat('zh-CN'), { downloadSize: 1_500_000, uncertainSize: 500_000 })).toBe('1.50 MB（最多 2.00 MB）')
    expect(downloadText(zh, localeFormat('zh-CN'), { downloadSize: null, uncertainSize: 0 })).toBe('未知')
  })

  it('explains each registry failure, offering a login only for UNAUTHORIZED', () => {
    const refused = describeFailure(t, new StrataError('UNAUTHORIZED', 'refused', { registry: '127.0.0.1:5000' }), '127.0.0.1:5000/a/b:1')
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', loginRegistry: '127.0.0.1:5000', message: 'refused' })
    expect(refused.headline).toContain('log in to 127.0.0.1:5000')
    const missing = describeFailure(t, new StrataError('NOT_FOUND', 'manifest unknown'), 'ghcr.io/x/y:nope')
    expect(missing).toMatchObject({ loginRegistry: null, headline: 'Unknown repository or tag: ghcr.io/x/y:nope is not in ghcr.io.' })
    // An origin URL in the detail is no registry name to show; the reference's host is.
    expect(describeFailure(t, new StrataError('REGISTRY_UNREACHABLE', 'No registry answers', { registry: 'http://127.0.0.1:9' }), '127.0.0.1:9/a:1').headline).toBe('Cannot reach 127.0.0.1:9.')
    expect(describeFailure(t, new Error('boom'), 'a:1')).toMatchObject({ code: 'INTERNAL', message: 'boom', loginRegistry: null })
    expect(describeFailure(zh, new StrataError('NOT_FOUND', 'manifest unknown'), 'ghcr.io/x/y:nope').headline).toBe('未知的仓库或标签：ghcr.io 中没有 ghcr.io/x/y:nope。')
    expect(describeFailure(zh, new StrataError('UNAUTHORIZED', 'refused', { registry: '127.0.0.1:5000' }), '127.0.0.1:5000/a/b:1').headline).toBe('127.0.0.1:5000 需要登录，或拒绝了为它保存的登录信息：请登录 127.0.0.1:5000。')
  })

  it('checks tag targets live and knows when the image already carries one', () => {
    expect(targetProblem(t, '')).toMatch(/Give a reference/)
    expect(targetProblem(zh, '')).toBe('请填写引用：镜像仓库/仓库:标签。')
    expect(targetProblem(zh, 'Upper/case:1')).not.toMatch(/uppercase/)
    expect(targetProblem(t, '127.0.0.1:5000/e2e/pushed:1')).toBeNull()
    expect(targetProblem(t, 'Upper/case:1')).toMatch(/uppercase/)
    expect(targetProblem(t, 'repo:-bad')).toMatch(/starts with '-'/)
    const image = { repoTags: ['127.0.0.1:5000/e2e/pushed:1', 'alpine:latest'] }
    expect(isTagOf(image, '127.0.0.1:5000/e2e/pushed:1')).toBe(true)
    expect(isTagOf(image, 'docker.io/library/alpine')).toBe(true)
    expect(isTagOf(image, '127.0.0.1:5000/e2e/pushed:2')).toBe(false)
    expect(isTagOf(image, 'Bad:1')).toBe(false)
  })

  it('clamps percentages and makes task IDs the core accepts', () => {
    expect(percentOf(50, 200)).toBe(25)
    expect(percentOf(300, 200)).toBe(100)
    expect(percentOf(5, null)).toBeNull()
    expect(percentOf(5, 0)).toBeNull()
    const id = newTaskId('pull')
    expect(id).toMatch(/^pull-[0-9a-z]+-[0-9a-z]+$/)
    expect(id.length).toBeLessThanOrEqual(100)
    expect(newTaskId('pull')).not.toBe(id)
  })

  it('says where paths live and refuses empty ones', () => {
    expect(pathWhere(true)).toBe('on this computer')
    expect(pathWhere(false)).toMatch(/strata serve/)
    expect(pathProblem('  ')).toMatch(/Give the path/)
    expect(pathProblem('/tmp/a.tar')).toBeNull()
    expect(pathProblem('C:\\Users\\me\\a.tar')).toBeNull()
    // The core refuses a relative path: the form says so before sending.
    expect(pathProblem('image.tar')).toMatch(/full path/)
    expect(pathProblem('./a/b.tar')).toMatch(/full path/)
  })

  it('headlines a failure about a file with its own message, not the registry wording', () => {
    const missing = describeFailure(t, new StrataError('NOT_FOUND', 'There is no file /tmp/x.tar.', { path: '/tmp/x.tar' }), '/tmp/x.tar')
    expect(missing.headline).toBe('There is no file /tmp/x.tar.')
    expect(describeFailure(t, new StrataError('CANCELLED', 'The save was cancelled.', { path: '/tmp/x.tar' }), 'app:1').headline).toBe('Cancelled.')
    // A registry's answer names its URL path too; it keeps the registry wording.
    expect(describeFailure(t, new StrataError('NOT_FOUND', 'no manifest', { registry: '127.0.0.1:5000', path: '/v2/a/manifests/1' }), '127.0.0.1:5000/a:1').headline).toBe('Unknown repository or tag: 127.0.0.1:5000/a:1 is not in 127.0.0.1:5000.')
  })
})

describe('transfer state', () => {
  it('starts with the announced layers waiting, once each, and follows the engine\'s words', () => {
    const state = startTransfer('t', 'Pulling', [
      { id: 'aaaaaaaaaaaa', size: 100 },
      { id: 'aaaaaaaaaaaa', size: 100 },
      { id: 'bbbbbbbbbbbb', size: 50 },
    ])
    expect(state.rows.map((row) => [row.id, row.status, row.total])).toEqual([
      ['aaaaaaaaaaaa', 'waiting', 100],
      ['bbbbbbbbbbbb', 'waiting', 50],
    ])
    expect(state).toMatchObject({ running: true, done: 0, total: null, result: null, failure: null, cancelled: false })
    const downloading = applyLayer(state.rows, { id: 'aaaaaaaaaaaa', status: 'downloading', message: 'Downloading', current: 40, total: null })
    expect(downloading[0]).toMatchObject({ status: 'downloading', current: 40, total: 100 })
    expect(downloading[1]).toBe(state.rows[1])
    const added = applyLayer(downloading, { id: 'cccccccccccc', status: 'exists', message: 'Already exists', current: null, total: null })
    expect(added.map((row) => row.id)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'])
  })

  it('counts a finished layer whole and one already there as nothing moved', () => {
    const base = { id: 'x', message: '', current: 10, total: 100 }
    expect(rowDone({ ...base, status: 'downloading' })).toBe(10)
    expect(rowDone({ ...base, status: 'done' })).toBe(100)
    expect(rowDone({ ...base, status: 'exists' })).toBeNull()
    expect(rowDone({ ...base, status: 'waiting', current: null })).toBeNull()
  })

  it('words a layer status in the caller\'s language', () => {
    expect(statusWord(t, 'exists')).toBe('Already here')
    expect(statusWord(t, 'downloading')).toBe('Downloading')
    expect(statusWord(zh, 'downloading')).toBe('下载中')
  })
})
