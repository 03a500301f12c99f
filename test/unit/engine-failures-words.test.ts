import { describe, expect, it } from 'vitest'
import type { EngineCandidate } from '../../electron/core/engine/discovery/candidates'
import { badAnswer, failureOf, noSocket, permissionDenied, timedOut } from '../../electron/core/engine/discovery/probe-failure'
import { parseHost } from '../../electron/core/engine/endpoint'
import { engineError, hostKeyChangedError, sshKeysRefusedError } from '../../electron/core/engine/errors'
import { pinApiVersion } from '../../electron/core/engine/version'
import { StrataError } from '../../shared/errors'
import { problem, problemEnglish } from '../../shared/problems'
import { failureDetail, failureHint, failureText } from '../../renderer/i18n/problems'
import { translator } from '../../renderer/i18n/translator'
import { connectionReason, discoveryProblemText, probeFailureHint, probeFailureText } from '../../renderer/lib/welcome'

const en = translator('en')
const zh = translator('zh-CN')

function candidate(host: string, origin: 'docker-engine' | 'podman' = 'docker-engine'): EngineCandidate {
  return {
    endpoint: parseHost(host, 'default', null, null),
    sources: [{ origin, label: 'Docker Engine' }],
    dockerCliChoice: false,
    inUse: false,
    startHint: problem('engine.startCommand', { command: 'sudo systemctl start docker' }),
  }
}

function thrown(work: () => unknown): StrataError {
  try {
    work()
  } catch (error) {
    if (error instanceof StrataError) return error
    throw error
  }
  throw new Error('expected a StrataError')
}

/** The core's own failures and probe results, as the renderer words them: the English the core says, the Chinese from the same ids. */
describe("the engine's failures in Chinese", () => {
  it('words an unreachable engine and its remedy, the address left as it is', () => {
    const refused = engineError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), parseHost('tcp://10.0.0.5:2375', 'explicit', null, null))
    expect(refused.message).toBe('No Docker engine answers at tcp://10.0.0.5:2375.')
    expect(refused.detail.hint).toBe('Check that the engine listens at 10.0.0.5:2375 and that no firewall blocks it.')
    const wire = refused.toWire()
    expect(failureText(wire, en)).toBe('No Docker engine answers at tcp://10.0.0.5:2375.')
    expect(failureText(wire, zh)).toBe('tcp://10.0.0.5:2375 上没有 Docker 引擎响应。')
    expect(failureHint(wire, zh)).toBe('请确认引擎在 10.0.0.5:2375 上监听，且没有防火墙拦截。')
  })

  it("keeps ssh's and TLS's own words inside the Chinese sentence", () => {
    const tls = engineError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), parseHost('tcp://h:2376', 'explicit', null, { ca: null, cert: null, key: null, verify: true }))
    expect(tls.message).toBe('TLS handshake with tcp://h:2376 failed: self-signed certificate')
    expect(failureDetail(tls.toWire(), zh)).toBe('与 tcp://h:2376 的 TLS 握手失败：self-signed certificate')
    const refused = sshKeysRefusedError(parseHost('ssh://me@box', 'explicit', null, null), 'me', ['~/.ssh/id_ed25519'], [{ label: 'the ssh agent', reason: 'its socket /x does not exist' }])
    expect(refused.message).toBe('Cannot log in to ssh://me@box as me: the server refused every key: tried ~/.ssh/id_ed25519. Skipped the ssh agent: its socket /x does not exist.')
    expect(failureText(refused.toWire(), zh)).toBe('无法以 me 身份登录 ssh://me@box：服务器拒绝了所有密钥，已尝试 ~/.ssh/id_ed25519。已跳过 the ssh agent: its socket /x does not exist。')
    expect(failureHint(refused.toWire(), zh)).toContain('`ssh <host> docker version`')
  })

  it("words a revoked host key with its '@' intact", () => {
    const revoked = hostKeyChangedError(parseHost('ssh://me@box', 'explicit', null, null), { knownHostName: 'box', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' }, [{ file: '~/.ssh/known_hosts', line: 3 }], true)
    expect(failureText(revoked.toWire(), en)).toBe(revoked.message)
    expect(failureText(revoked.toWire(), zh)).toBe('box 的主机密钥（SHA256:abc）在 ~/.ssh/known_hosts:3 中被标记为 @revoked；连接已被拒绝。')
    expect(failureHint(revoked.toWire(), zh)).toBe('该密钥是被特意吊销的；请向服务器管理员询问它应使用哪个密钥。')
  })

  it('words an engine too old, with its remedy', () => {
    const old = thrown(() => pinApiVersion('1.40', 'unix:///var/run/docker.sock')).toWire()
    expect(old.detail.hint).toBe('Upgrade the Docker engine.')
    expect(failureText(old, zh)).toBe('unix:///var/run/docker.sock 上的引擎使用 API 1.40；Strata 需要 1.41 或更高版本（Docker Engine 20.10+）。')
    expect(failureHint(old, zh)).toBe('请升级 Docker 引擎。')
  })

  it("leaves the engine's own sentence to the code's title", () => {
    const missing = engineError(Object.assign(new Error('(HTTP code 404) no such image'), { statusCode: 404, json: { message: 'No such image: app' } }), parseHost('unix:///var/run/docker.sock', 'default', null, null))
    expect(missing.detail.problem).toBeUndefined()
    expect(failureText(missing.toWire(), zh)).toBe('未找到：No such image: app')
  })
})

describe("discovery's reasons in Chinese", () => {
  it('words why a candidate does not answer and what to do, commands left as they are', () => {
    const missing = noSocket(candidate('unix:///var/run/docker.sock'))
    expect(missing.message).toBe('No socket at /var/run/docker.sock: no engine is running there.')
    expect(missing.hint).toBe('sudo systemctl start docker')
    expect(probeFailureText(missing, en)).toBe(missing.message)
    expect(probeFailureText(missing, zh)).toBe('/var/run/docker.sock 上没有 socket：那里没有运行引擎。')
    expect(probeFailureHint(missing, zh)).toBe('sudo systemctl start docker')

    const denied = permissionDenied(candidate('unix:///run/podman/podman.sock', 'podman'))
    expect(probeFailureText(denied, zh)).toBe('无权访问 /run/podman/podman.sock：你的用户不能打开它。')
    expect(probeFailureHint(denied, zh)).toBe('rootful Podman 的 socket 仅供 root 使用：请改用 rootless Podman（systemctl --user enable --now podman.socket），或以 root 身份运行 Strata。')

    const slow = timedOut(candidate('tcp://10.0.0.5:2375'), '/info', 1500)
    expect(slow.message).toBe('tcp://10.0.0.5:2375 answered /_ping but not /info within 1500 ms.')
    expect(probeFailureText(slow, zh)).toBe('tcp://10.0.0.5:2375 响应了 /_ping，但在 1500 毫秒内没有响应 /info。')
    expect(probeFailureHint(slow, zh)).toBe('请确认主机已开机，且没有防火墙丢弃连接。')
  })

  it("keeps Node's words for a reason it alone knows, and words an HTTP refusal", () => {
    const odd = failureOf(Object.assign(new Error('socket hang up'), { code: 'ERR_ODD' }), candidate('tcp://10.0.0.5:2375'))
    expect(odd.message).toBe('tcp://10.0.0.5:2375 did not answer as an engine: socket hang up')
    expect(probeFailureText(odd, zh)).toBe('tcp://10.0.0.5:2375 的响应不像引擎：socket hang up')
    expect(probeFailureHint(odd, zh)).toBeNull()
    const forbidden = badAnswer(candidate('tcp://10.0.0.5:2375'), '/info', 403, '')
    expect(probeFailureText(forbidden, zh)).toBe('tcp://10.0.0.5:2375 拒绝了 /info（HTTP 403）。')
  })

  it('shows what an older core sent, which has no ids, as it was said', () => {
    const old = { code: 'NO_SOCKET' as const, message: 'No socket at /x: no engine is running there.', hint: 'colima start' }
    expect(probeFailureText(old, zh)).toBe(old.message)
    expect(probeFailureHint(old, zh)).toBe('colima start')
  })

  it('words a source that could not be read, and why the engine in use cannot be reached', () => {
    const found = problem('engine.currentContextMissing', { name: 'work' })
    expect(discoveryProblemText({ source: { origin: 'context', label: 'Docker context "work"' }, message: problemEnglish(found), problem: found }, zh)).toBe('Docker context "work"：当前的 docker context "work" 不存在。')
    expect(discoveryProblemText({ source: { origin: 'context', label: 'docker config.json' }, message: 'boom' }, en)).toBe('docker config.json: boom')
    const closed = problem('engine.streamClosed', { endpoint: 'unix:///var/run/docker.sock' })
    const connection = { state: 'unreachable' as const, endpoint: { url: 'unix:///var/run/docker.sock', kind: 'unix' as const, source: 'default' as const, context: null, tls: false }, message: problemEnglish(closed), problem: closed, retryInSeconds: 2 }
    expect(connectionReason(connection, zh)).toBe('unix:///var/run/docker.sock 上的引擎关闭了事件流。')
    expect(connectionReason({ ...connection, problem: undefined }, zh)).toBe('The engine at unix:///var/run/docker.sock closed the event stream.')
    expect(connectionReason({ ...connection, message: null }, zh)).toBeNull()
  })
})
