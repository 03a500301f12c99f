import { describe, expect, it } from 'vitest'
import { commitInputIssues, type ChangeIssue } from '../../../shared/commit-changes'
import { StrataError } from '../../../shared/errors'
import { PROBLEM_ENGLISH, PROBLEM_IDS, placeholders, problemEnglish, type Problem, type ProblemId } from '../../../shared/problems'
import { parseRepositoryTag, repositoryProblem, tagProblem } from '../../../shared/reference'
import { runRequestIssues } from '../../../shared/run-checks'
import type { CommitChanges, RunRequest } from '../../../shared/types'
import { en } from '../../../renderer/i18n/messages/en'
import { zhCN } from '../../../renderer/i18n/messages/zh-CN'
import { failureDetail, failureText, problemText } from '../../../renderer/i18n/problems'
import { translator } from '../../../renderer/i18n/translator'
import { optionalNumber, parseExecForm, lines } from '../../../renderer/lib/form-lines'
import { targetProblemOf } from '../../../renderer/lib/registry-view'

const t = translator('en')
const zh = translator('zh-CN')

function message(messages: { validation: unknown }, id: ProblemId): unknown {
  const [group = '', key = ''] = id.split('.')
  const groups = messages.validation as Record<string, Record<string, unknown> | undefined>
  return groups[group]?.[key]
}

/** What each shared check finds for inputs made to produce every problem, with the English it answers. */
/** The core's own failures (shared/failures/) are met by the core, not by the shared checks: failures.test.ts covers them. */
function isCoreFailure(id: ProblemId): boolean {
  return /^(container|engine|image|layer|registry|transfer)\./.test(id)
}

function crafted(): { problem: Problem; english: string }[] {
  const found: { problem: Problem; english: string }[] = []
  const add = (problem: Problem | null | undefined, english?: string): void => {
    if (problem === null || problem === undefined) throw new Error('an input meant to produce a problem produced none')
    found.push({ problem, english: english ?? problemEnglish(problem) })
  }
  const issues = (list: ChangeIssue[]): void => {
    for (const issue of list) add(issue.problem, issue.message)
  }
  for (const name of ['r:x/a', '[::1]/a', 'a..b.com:5000/a', 'exa$mple.com:5000/a', 'App', 'a$b', '_a', 'a_', 'a___b', 'a.-b', '', 'a@b', 'a b', 'a'.repeat(64).replace(/a/g, 'f'), '/a', 'a/', 'a//b', 'x/a:b', 'a'.repeat(240)]) {
    add(repositoryProblem(name))
  }
  for (const tag of ['', 'x'.repeat(129), 'a$', '.a']) add(tagProblem(tag))
  const parsed = parseRepositoryTag('a@sha256:00')
  if (!parsed.ok) add(parsed.problem, parsed.message)
  add(targetProblemOf('  '))
  const changes: CommitChanges = {
    cmd: [],
    entrypoint: ['', 'x'],
    env: ['NOPE', '1A=x', 'A=x\ny'],
    expose: ['http', '70000', '80/foo'],
    labels: { '': 'x', 'a=b': 'x', c: 'x\ny' },
    user: 'a b',
    workdir: 'relative',
    volumes: ['/ok ', '/a\nb'],
    stopSignal: 'NOPE',
    healthcheck: { test: ['sh', 'a\0'], intervalSeconds: 0, timeoutSeconds: 1.0001, retries: 0 },
    onbuild: ['  ', 'FROM x', 'NOPE x'],
  }
  issues(commitInputIssues({ tag: 'x', changes }))
  const run: RunRequest = {
    image: 'app',
    name: '-',
    cmd: [],
    entrypoint: [],
    env: ['A=\0'],
    ports: [
      { containerPort: 0, hostPort: 70000, hostIp: 'nope', protocol: 'tcp' },
      { containerPort: 80, hostPort: 8080, protocol: 'tcp' },
      { containerPort: 81, hostPort: 8080, protocol: 'tcp' },
    ],
    mounts: [
      { type: 'bind', source: 'relative', target: 'rel', readOnly: false },
      { type: 'bind', source: '/a:b', target: '/', readOnly: false },
      { type: 'volume', name: '-', target: '/data', readOnly: false },
      { type: 'volume', name: 'vol', target: '/data', readOnly: false },
    ],
    labels: { 'a=b': 'x' },
    workingDir: 'relative',
    // Not a policy the type allows: the check exists for callers that skip the types.
    restart: { name: 'sometimes' as 'no', maxRetries: 1 },
    networkMode: '-',
  }
  issues(runRequestIssues(run))
  issues(runRequestIssues({ image: 'app', restart: { name: 'on-failure', maxRetries: -1 }, autoRemove: true }))
  const exec = parseExecForm('["a", ')
  if (!exec.ok) add(exec.problem, exec.message)
  const strings = parseExecForm('["a", 1]')
  if (!strings.ok) add(strings.problem, strings.message)
  const items = parseExecForm('["a"]')
  if (items.ok) add(items.items[0]?.where)
  add(lines('x', false)[0]?.where)
  const number = optionalNumber('ten')
  add(number.problem, number.error)
  return found
}

describe('input problems', () => {
  it('has an English and a Chinese message for every id, with the same placeholders as the shared English', () => {
    expect(PROBLEM_IDS.length).toBeGreaterThan(60)
    for (const id of PROBLEM_IDS) {
      const english = message(en, id)
      const chinese = message(zhCN, id)
      expect(typeof english, id).toBe('string')
      expect(typeof chinese, id).toBe('string')
      expect(placeholders(String(english)), id).toEqual(placeholders(PROBLEM_ENGLISH[id]))
      expect(placeholders(String(chinese)), id).toEqual(placeholders(PROBLEM_ENGLISH[id]))
    }
  })

  it('words every id in the renderer exactly as the shared English does', () => {
    for (const id of PROBLEM_IDS) {
      const params = Object.fromEntries(placeholders(PROBLEM_ENGLISH[id]).map((name) => [name, `<${name}>`]))
      expect(problemText({ id, params }, t), id).toBe(problemEnglish({ id, params }))
    }
  })

  it('meets every id in the shared checks, and words what they find as the core and the command line do', () => {
    const found = crafted()
    for (const { problem, english } of found) {
      expect(problemEnglish(problem)).toBe(english)
      expect(problemText(problem, t)).toBe(english)
    }
    expect(new Set(found.map((entry) => entry.problem.id))).toEqual(new Set(PROBLEM_IDS.filter((id) => !isCoreFailure(id))))
  })

  it('words problems in Chinese', () => {
    expect(problemText({ id: 'reference.whiteSpace', params: { name: 'my app' } }, zh)).toBe("'my app' 包含空白字符")
    expect(problemText({ id: 'reference.digest', params: { name: 'a@b' } }, zh)).toBe("'a@b' 带有摘要（'@'）：提交只指定仓库和标签，不能指定摘要")
    expect(problemText({ id: 'change.exposeRange', params: { port: '70000' } }, zh)).toBe("'70000'：端口须在 1 到 65535 之间")
    expect(problemText({ id: 'run.portTaken', params: { port: '8080', protocol: 'tcp', earlier: '1' } }, zh)).toBe('主机端口 8080/tcp 已由第 1 个端口发布')
    expect(problemText({ id: 'form.line', params: { n: 2 } }, zh)).toBe('第 2 行')
  })
})

describe('failures in the user language', () => {
  const single = new StrataError('INVALID_INPUT', "'my app' contains white space", { problem: { id: 'reference.whiteSpace', params: { name: 'my app' } } }).toWire()
  const plain = new StrataError('NOT_FOUND', 'No such image: app', {}).toWire()

  it('words the problem the detail carries, else the code title and the core message', () => {
    expect(failureText(single, t)).toBe("'my app' contains white space")
    expect(failureText(single, zh)).toBe("'my app' 包含空白字符")
    expect(failureText(plain, t)).toBe('Not found: No such image: app')
    expect(failureText(plain, zh)).toBe('未找到：No such image: app')
    expect(failureDetail(plain, zh)).toBe('No such image: app')
    expect(failureText({ code: 'INTERNAL', message: 'boom' }, t)).toBe('Internal error: boom')
  })

  it('keeps the core message when some issue has no problem of its own', () => {
    const mixed = { code: 'INVALID_INPUT', message: 'Invalid input', detail: { problems: [{ path: ['a'], problem: { id: 'change.nul', params: {} } }, { path: ['b'] }] } }
    expect(failureText(mixed, t)).toBe('Invalid input: Invalid input')
  })
})
