import { describe, expect, it } from 'vitest'
import { failure, parseWireError, StrataError, type ErrorCode, type WireError } from '../../../shared/errors'
import { PROBLEM_ENGLISH, PROBLEM_IDS, placeholders, problem, type Problem } from '../../../shared/problems'
import { failureDetail, failureHint, failureText, problemText } from '../../../renderer/i18n/problems'
import { translator } from '../../../renderer/i18n/translator'

const t = translator('en')
const zh = translator('zh-CN')

/**
 * A failure as the core raises it (test/unit/failures-layer-core.test.ts checks the core raises these
 * very problems), read back as the renderer receives it over a transport.
 */
function received(code: ErrorCode, found: Problem, hint?: Problem): WireError {
  return parseWireError(JSON.parse(JSON.stringify(failure(code, found, {}, hint).toWire())))
}

describe('layer, registry and image failures in Chinese', () => {
  const ours = PROBLEM_IDS.filter((id) => /^(layer|registry|image)\./.test(id))

  it('words every layer, registry and image id in Chinese, not left in English, keeping every value', () => {
    expect(ours.length).toBeGreaterThan(80)
    for (const id of ours) {
      const params = Object.fromEntries(placeholders(PROBLEM_ENGLISH[id]).map((name) => [name, `<${name}>`]))
      const chinese = problemText({ id, params }, zh)
      expect(chinese, id).not.toBe(problemText({ id, params }, t))
      expect(chinese, id).toMatch(/[\u4e00-\u9fff]/)
      for (const value of Object.values(params)) expect(chinese, id).toContain(value)
    }
  })

  it('words layer failures, the English message unchanged', () => {
    const tooLong = received('INVALID_INPUT', problem('layer.patternTooLong', { max: 512, length: 600 }))
    expect(tooLong.message).toBe('A search pattern has at most 512 characters; this one has 600.')
    expect(failureText(tooLong, t)).toBe(tooLong.message)
    expect(failureText(tooLong, zh)).toBe('搜索模式最多 512 个字符；当前有 600 个。')
    const notArchive = received('INVALID_INPUT', problem('layer.notArchive'))
    expect(failureDetail(notArchive, zh)).toBe('导出内容中既没有 manifest.json 也没有 index.json：这不是镜像归档。')
    const link = received('INVALID_INPUT', problem('layer.notFileLink', { path: 'etc/alt', type: 'symlink', link: '/usr/bin/vi' }))
    expect(link.message).toBe('etc/alt is a symlink to /usr/bin/vi, not a file.')
    expect(failureText(link, zh)).toBe('etc/alt 是指向 /usr/bin/vi 的 symlink，不是文件。')
    expect(failureText(received('CANCELLED', problem('layer.analysisCancelled')), zh)).toBe('已取消分析。')
  })

  it("keeps the registry's and the engine's own words as they said them inside the Chinese", () => {
    const unreachable = received('REGISTRY_UNREACHABLE', problem('registry.engineUnreachable', { registry: 'registry.example:5000', message: 'dial tcp 10.0.0.9:5000: connection refused' }))
    expect(failureText(unreachable, zh)).toBe('引擎无法连接镜像仓库 registry.example:5000：dial tcp 10.0.0.9:5000: connection refused')

    const plainHttp = received('REGISTRY_UNREACHABLE', problem('registry.plainHttp', { registry: 'r:5000', message: 'http: server gave HTTP response to HTTPS client' }), problem('registry.plainHttpHint', { registry: 'r:5000' }))
    expect(plainHttp.detail.hint).toBe('Add "r:5000" to insecure-registries in the engine\'s daemon.json.')
    expect(failureHint(plainHttp, zh)).toBe('请把“r:5000”加入引擎 daemon.json 中的 insecure-registries。')

    const refused = received('UNAUTHORIZED', problem('registry.needsLogin', { registry: 'ghcr.io' }), problem('registry.loginHint', { registry: 'ghcr.io' }))
    expect(failureText(refused, zh)).toBe('镜像仓库 ghcr.io 需要登录。')
    expect(failureHint(refused, t)).toBe('Log in with: strata login ghcr.io')
    expect(failureHint(refused, zh)).toBe('请登录：strata login ghcr.io')
  })

  it("leaves the engine's bare words to the code's title", () => {
    const missing = new StrataError('NOT_FOUND', 'manifest unknown', { registry: 'docker.io' }).toWire()
    expect(failureText(missing, zh)).toBe('未找到：manifest unknown')
  })

  it('words what a registry answered that Strata cannot read, and a reference that is not one', () => {
    expect(failureText(received('REGISTRY_ERROR', problem('registry.unknownManifest', { mediaType: 'application/x-odd' })), zh)).toBe('镜像仓库返回了 Strata 无法读取的清单类型（application/x-odd）。')
    expect(failureText(received('REGISTRY_ERROR', problem('registry.unknownManifestNoType')), zh)).toBe('镜像仓库返回了 Strata 无法读取的清单类型（没有媒体类型）。')
    expect(failureText(received('INVALID_INPUT', problem('registry.notDigest', { digest: 'sha256:nothex' })), zh)).toBe("'sha256:nothex' 不是摘要（算法:十六进制值）")
  })

  it('words a pull or a delete cut off part-way, the earlier failure kept as it was said', () => {
    const cut = received('CANCELLED', problem('registry.partlyPulled', { failure: 'The pull was cancelled.', pulled: 'linux/arm64 (app@sha256:aa)' }))
    expect(cut.message).toBe('The pull was cancelled. Before that, Strata pulled linux/arm64 (app@sha256:aa); those stay on disk.')
    expect(failureText(cut, zh)).toBe('The pull was cancelled. 在此之前，Strata 已拉取 linux/arm64 (app@sha256:aa)；它们仍保留在磁盘上。')
    const removed = received('CONFLICT', problem('image.partlyRemoved', { failure: 'The engine refused: busy', steps: 'stopped 1 container' }))
    expect(removed.message).toBe('The engine refused: busy Before that, Strata stopped 1 container; the image was not deleted.')
    expect(failureText(removed, zh)).toBe('The engine refused: busy 在此之前，Strata 已完成以下步骤：stopped 1 container；镜像未被删除。')
  })

  it('words the image and cache failures', () => {
    expect(failureText(received('CONFLICT', problem('image.childrenFirst')), zh)).toBe('必须先删除基于该镜像构建的镜像；Strata 不会替你删除它们。')
    expect(failureText(received('INTERNAL', problem('image.cacheFolderRefused', { folder: 'relative/cache' })), zh)).toBe('缓存文件夹 relative/cache 不是 Strata 可以清空的文件夹。')
  })
})
