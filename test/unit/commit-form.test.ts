import { describe, expect, it } from 'vitest'
import { buildCommit, emptyCommitForm, type CommitForm } from '../../renderer/lib/commit-form'
import { parseExecForm } from '../../renderer/lib/form-lines'
import { problemEnglish } from '../../shared/problems'
import { healthcheckText, previewRows, tagMoveWarning } from '../../renderer/lib/commit-preview'
import type { CommitConfig } from '../../shared/types'
import { translator } from '../../renderer/i18n/translator'

const t = translator('en')
const zh = translator('zh-CN')

function form(fields: Partial<CommitForm>): CommitForm {
  return { ...emptyCommitForm(), ...fields }
}

describe('parseExecForm', () => {
  it('reads one argument per line, keeping spaces inside and dropping blank lines', () => {
    const parsed = parseExecForm('sh\n-c\n echo  hi \n\n')
    expect(parsed.ok && parsed.items.map((item) => [item.value, problemEnglish(item.where)])).toEqual([
      ['sh', 'line 1'],
      ['-c', 'line 2'],
      [' echo  hi ', 'line 3'],
    ])
  })

  it('reads a JSON array of strings', () => {
    const parsed = parseExecForm(' ["/app", "--port", "80"] ')
    expect(parsed.ok && parsed.items.map((item) => [item.value, problemEnglish(item.where)])).toEqual([
      ['/app', 'item 1'],
      ['--port', 'item 2'],
      ['80', 'item 3'],
    ])
    expect(parsed.ok && parsed.items[0]?.where).toEqual({ id: 'form.item', params: { n: 1 } })
  })

  it('keeps the test program [ as an argument on its own line', () => {
    const parsed = parseExecForm('[\n-f\n/ready\n]')
    expect(parsed.ok && parsed.items.map((item) => item.value)).toEqual(['[', '-f', '/ready', ']'])
  })

  it('says what is wrong with a broken JSON array', () => {
    const parsed = parseExecForm('["a", ')
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toMatch(/^not a JSON array: /)
    expect(parseExecForm('["a", 1]')).toMatchObject({ ok: false, message: 'a JSON array here holds only strings', problem: { id: 'form.jsonStrings' } })
  })
})

describe('buildCommit', () => {
  it('sends nothing for an empty form, and is valid', () => {
    expect(buildCommit(emptyCommitForm(), t)).toEqual({ changes: {}, errors: {}, valid: true })
  })

  it('turns every field into the structured changes', () => {
    const built = buildCommit(
      form({
        repository: ' e2e/committed ',
        tag: 'v1',
        comment: 'first cut',
        author: 'Ada <ada@example.com>',
        cmd: '/bin/sh\n-c\necho hi',
        entrypoint: '["/init"]',
        env: 'A=1\n  B = x y \n',
        labels: 'org.title = my app\nempty=',
        expose: '80\n53/udp',
        volumes: '/data',
        onbuild: 'RUN make',
        user: 'app:app',
        workdir: '/srv',
        stopSignal: 'SIGINT',
        healthMode: 'command',
        healthTest: 'wget\n-q\nhttp://localhost/',
        healthInterval: '30',
        healthTimeout: '2.5',
        healthRetries: '3',
      }),
      t,
    )
    expect(built).toEqual({
      repository: 'e2e/committed',
      tag: 'v1',
      comment: 'first cut',
      author: 'Ada <ada@example.com>',
      changes: {
        cmd: ['/bin/sh', '-c', 'echo hi'],
        entrypoint: ['/init'],
        env: ['A=1', 'B = x y'],
        labels: { 'org.title': 'my app', empty: '' },
        expose: ['80', '53/udp'],
        volumes: ['/data'],
        user: 'app:app',
        workdir: '/srv',
        stopSignal: 'SIGINT',
        healthcheck: { test: ['wget', '-q', 'http://localhost/'], intervalSeconds: 30, timeoutSeconds: 2.5, retries: 3 },
        onbuild: ['RUN make'],
      },
      errors: { env: ["line 2: 'B ' is not a variable name (letters, digits and '_', not starting with a digit)"] },
      valid: false,
    })
  })

  it('files the core\'s messages under their fields, naming the line', () => {
    const fields = form({ repository: 'Bad Name', env: 'OK=1\n\nnot-a-pair', expose: '80\n70000', labels: 'x', volumes: 'relative', healthMode: 'command' })
    expect(buildCommit(fields, zh).errors.labels).toEqual(["第 1 行：'x' 不是 key=value 形式"])
    expect(buildCommit(fields, zh).errors.env).toEqual(["第 3 行：'not-a-pair' 不是 KEY=VALUE 形式"])
    const built = buildCommit(fields, t)
    expect(built.valid).toBe(false)
    expect(built.errors).toEqual({
      repository: ["'Bad Name' contains white space"],
      env: ["line 3: 'not-a-pair' is not KEY=VALUE"],
      expose: ["line 2: '70000': the port must be from 1 to 65535"],
      labels: ["line 1: 'x' is not key=value"],
      volumes: ["line 1: 'relative' is not an absolute path"],
      healthTest: ['is empty: give the program to run, or leave the field out to keep the current one'],
    })
  })

  it('checks the repository with the reference grammar as it is typed', () => {
    expect(buildCommit(form({ repository: 'bad name' }), t).errors.repository).toEqual(["'bad name' contains white space"])
    expect(buildCommit(form({ repository: 'app:1' }), t).errors.repository).toEqual(["'app:1' contains ':': give the tag separately"])
    expect(buildCommit(form({ tag: 'v1' }), t).errors.tag).toEqual(['a tag needs a repository'])
    expect(buildCommit(form({ repository: 'app', tag: '-x' }), t).errors.tag).toEqual(["the tag '-x' starts with '-': a tag starts with a letter, digit or '_'"])
    expect(buildCommit(form({ repository: 'localhost:5000/team/app', tag: 'v1.2' }), t).valid).toBe(true)
  })

  it('names the JSON item of an exec form and refuses numbers that are not numbers', () => {
    const built = buildCommit(form({ cmd: '[""]', healthMode: 'command', healthTest: 'true', healthInterval: 'soon', healthRetries: '1.5' }), t)
    expect(built.errors).toEqual({
      cmd: ['item 1: the program name is empty'],
      healthInterval: ["'soon' is not a number"],
      healthRetries: ["1.5 is not a whole number from 1 (leave it out for the engine's default of 3)"],
    })
    expect(buildCommit(form({ healthMode: 'none', healthTest: 'ignored' }), t).changes).toEqual({ healthcheck: { none: true } })
  })
})

const base: CommitConfig = {
  entrypoint: null,
  cmd: ['/bin/sh'],
  env: ['PATH=/bin'],
  exposedPorts: [],
  volumes: [],
  workingDir: '',
  user: '',
  labels: { a: '1' },
  stopSignal: null,
  healthcheck: null,
  onBuild: [],
}

describe('previewRows', () => {
  it('marks the fields and the lines a commit changes', () => {
    const rows = previewRows(base, { ...base, cmd: ['/app'], labels: { a: '1', b: '2' }, user: 'app' }, t)
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]))
    expect(rows.filter((row) => row.changed).map((row) => row.key)).toEqual(['cmd', 'labels', 'user'])
    expect(byKey.cmd?.current).toEqual([{ text: '["/bin/sh"]', changed: true }])
    expect(byKey.cmd?.after).toEqual([{ text: '["/app"]', changed: true }])
    expect(byKey.labels?.after).toEqual([
      { text: 'a=1', changed: false },
      { text: 'b=2', changed: true },
    ])
    expect(byKey.user?.current).toEqual([])
    expect(byKey.env?.after).toEqual([{ text: 'PATH=/bin', changed: false }])
    expect(byKey.cmd?.label).toBe('Command')
    expect(previewRows(base, base, zh).find((row) => row.key === 'env')?.label).toBe('环境变量')
  })

  it('writes healthchecks as a Dockerfile would', () => {
    expect(healthcheckText({ test: ['NONE'], intervalSeconds: null, timeoutSeconds: null, startPeriodSeconds: null, retries: null }, t)).toEqual(['disabled (NONE)'])
    expect(healthcheckText({ test: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: null, startPeriodSeconds: 1.5, retries: 2 }, t)).toEqual([
      'CMD ["true"]',
      'interval 30 s, start period 1.5 s, retries 2',
    ])
    expect(healthcheckText({ test: ['CMD-SHELL', 'curl -f localhost'], intervalSeconds: null, timeoutSeconds: null, startPeriodSeconds: null, retries: null }, t)).toEqual([
      'CMD-SHELL curl -f localhost',
    ])
    expect(healthcheckText({ test: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: null, startPeriodSeconds: null, retries: 2 }, zh)).toEqual(['CMD ["true"]', '间隔 30 秒，重试 2 次'])
  })
})

describe('tagMoveWarning', () => {
  const id = `sha256:${'ab'.repeat(32)}`
  it('says the other image keeps its other tags', () => {
    expect(tagMoveWarning('app:1', { id, tags: ['app:1', 'app:stable'] }, t)).toBe('app:1 already names image abababababab — committing moves the tag; that image keeps app:stable.')
  })
  it('says the other image becomes dangling when it has no other tag', () => {
    expect(tagMoveWarning('app:1', { id, tags: ['app:1'] }, t)).toBe('app:1 already names image abababababab — committing moves the tag; that image becomes dangling (no name left).')
  })
  it('words the warning in Chinese', () => {
    expect(tagMoveWarning('app:1', { id, tags: ['app:1'] }, zh)).toBe('app:1 已指向镜像 abababababab——提交会移动该标签；那个镜像将变为悬空镜像（不再有名称）。')
  })
})
