import { describe, expect, it } from 'vitest'
import type { ProbeFailure, ProbeFailureCode } from '../../../shared/engine-discovery'
import { failure } from '../../../shared/errors'
import { PROBLEM_ENGLISH, PROBLEM_IDS, placeholders, problem, problemEnglish, type Problem } from '../../../shared/problems'
import { failureDetail, failureHint, failureText, problemText } from '../../../renderer/i18n/problems'
import { translator } from '../../../renderer/i18n/translator'
import { probeFailureHint, probeFailureText } from '../../../renderer/lib/welcome'

const en = translator('en')
const zh = translator('zh-CN')

/** A probe result as discovery sends it (probe-failure.ts builds them the same way). */
function probed(code: ProbeFailureCode, found: Problem, hint: Problem | null): ProbeFailure {
  const sent: ProbeFailure = { code, message: problemEnglish(found), hint: hint === null ? null : problemEnglish(hint), problem: found }
  return hint === null ? sent : { ...sent, hintProblem: hint }
}

describe("the engine's failures in Chinese", () => {
  const engineIds = PROBLEM_IDS.filter((id) => id.startsWith('engine.'))

  it('words every engine id in Chinese, not in English, bare commands and product names aside', () => {
    expect(engineIds.length).toBeGreaterThan(100)
    for (const id of engineIds.filter((id) => id !== 'engine.startCommand' && id !== 'engine.sourceName')) {
      const params = Object.fromEntries(placeholders(PROBLEM_ENGLISH[id]).map((name) => [name, 'x']))
      const chinese = problemText({ id, params }, zh)
      expect(chinese, id).not.toBe(problemEnglish({ id, params }))
      expect(chinese, id).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('words a failure and its hint, values left as they were said', () => {
    const refused = failure(
      'ENGINE_UNREACHABLE',
      problem('engine.noEngineLookedAt', { endpoint: 'unix:///var/run/docker.sock', candidates: '/var/run/docker.sock, /run/docker.sock' }),
      { cause: 'ENOENT' },
      problem('engine.startSocketHint'),
    ).toWire()
    expect(refused.message).toBe('No Docker engine answers at unix:///var/run/docker.sock (looked at /var/run/docker.sock, /run/docker.sock).')
    expect(failureText(refused, en)).toBe(refused.message)
    expect(failureText(refused, zh)).toBe('unix:///var/run/docker.sock 上没有 Docker 引擎响应（已查找：/var/run/docker.sock, /run/docker.sock）。')
    expect(failureHint(refused, zh)).toBe(
      '启动引擎（sudo systemctl start docker、打开 Docker Desktop，或 systemctl --user start podman.socket），或通过 --host / DOCKER_HOST / docker context use 选择其他端点。',
    )
  })

  it("keeps ssh's and the OS's words, and the characters vue-i18n would read as syntax", () => {
    const ssh = failure('ENGINE_UNREACHABLE', problem('engine.sshFailed', { endpoint: 'ssh://me@box', reason: 'Timed out while waiting for handshake' }), {}, problem('engine.sshFailedHint')).toWire()
    expect(failureDetail(ssh, zh)).toBe('与 ssh://me@box 的 SSH 连接失败：Timed out while waiting for handshake')
    expect(failureHint(ssh, en)).toBe(ssh.detail.hint)
    expect(failureHint(ssh, zh)).toBe('请确认 `ssh <host> docker version` 可以运行：需要服务器接受的密钥（ssh-agent、~/.ssh/config 中的 IdentityFile 或 ~/.ssh/id_*），且远程主机已安装 docker。')
    const address = failure('INVALID_INPUT', problem('engine.notSshAddress', { endpoint: 'ssh://box' })).toWire()
    expect(failureText(address, zh)).toBe('"ssh://box" 不是 ssh://user@host[:port] 形式的 ssh 地址。')
    const tls = failure('INVALID_INPUT', problem('engine.keyUnreadable', { path: '/certs/key.pem', reason: 'EIO: i/o error' })).toWire()
    expect(failureText(tls, zh)).toBe('无法读取客户端密钥 /certs/key.pem：EIO: i/o error。')
  })

  it('words settings and api refusals', () => {
    expect(failureText(failure('INVALID_INPUT', problem('engine.tooManyEngines', { max: 20 })).toWire(), zh)).toBe('最多只能保存 20 个引擎；请先删除一个。')
    expect(failureText(failure('NOT_FOUND', problem('engine.engineNotSaved', { name: 'lab' })).toWire(), zh)).toBe('没有保存名为 "lab" 的引擎。')
    expect(failureText(failure('CANCELLED', problem('engine.switchedDuringCall', { from: 'unix:///a.sock', to: 'tcp://b:2375' })).toWire(), zh)).toBe(
      '此次调用进行期间，引擎已从 unix:///a.sock 切换到 tcp://b:2375；其结果已被丢弃。',
    )
  })
})

describe("discovery's reasons in Chinese", () => {
  it('words why a candidate does not answer and what to do', () => {
    const stale = probed('CONNECTION_REFUSED', problem('engine.probeStaleSocket', { address: '/var/run/docker.sock' }), problem('engine.startCommand', { command: 'sudo systemctl start docker' }))
    expect(probeFailureText(stale, en)).toBe('The socket /var/run/docker.sock is there but nothing listens on it: the engine stopped and left it behind.')
    expect(probeFailureText(stale, zh)).toBe('socket /var/run/docker.sock 存在，但没有程序在上面监听：引擎已停止，并遗留了它。')
    expect(probeFailureHint(stale, zh)).toBe('sudo systemctl start docker')
    const group = probed('PERMISSION_DENIED', problem('engine.probePermission', { address: '/var/run/docker.sock' }), problem('engine.probeDockerGroupHint'))
    expect(probeFailureText(group, zh)).toBe('无权访问 /var/run/docker.sock：你的用户不能打开它。')
    expect(probeFailureHint(group, zh)).toBe('将你的用户加入 docker 组：sudo usermod -aG docker $USER，然后注销并重新登录（或运行 newgrp docker）。')
    const windows = probed('PERMISSION_DENIED', problem('engine.probePermission', { address: '//./pipe/docker_engine' }), problem('engine.probeDockerUsersHint'))
    expect(probeFailureHint(windows, en)).toBe('Add your user to the docker-users group (as administrator: net localgroup docker-users %USERNAME% /add), then sign out and in again.')
  })

  it('shows a reason without ids (an older core) as it was said', () => {
    const old: ProbeFailure = { code: 'NO_SOCKET', message: 'No socket at /x: no engine is running there.', hint: 'colima start' }
    expect(probeFailureText(old, zh)).toBe(old.message)
    expect(probeFailureHint(old, zh)).toBe('colima start')
    expect(probeFailureHint({ ...old, hint: null }, zh)).toBeNull()
  })

  it('words where an engine was found, product names kept', () => {
    expect(problemText({ id: 'engine.sourceColima', params: { profile: 'work' } }, zh)).toBe('Colima 配置 "work"')
    expect(problemText({ id: 'engine.sourceContextCurrent', params: { name: 'desktop-linux' } }, zh)).toBe('Docker 上下文 "desktop-linux"（当前）')
    expect(problemText({ id: 'engine.sourceName', params: { name: 'Docker Desktop' } }, zh)).toBe('Docker Desktop')
  })
})
