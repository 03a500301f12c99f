import { describe, expect, it } from 'vitest'
import { buildRun, emptyRunForm, parseEnvLines, serverFieldErrors, type RunForm } from '../../renderer/lib/run-form'
import { splitShellWords } from '../../renderer/lib/shell-words'
import { dockerRunArguments, shellQuote } from '../../shared/docker-run-line'
import { translator } from '../../renderer/i18n/translator'

const en = translator('en')
const zh = translator('zh-CN')

function form(fields: Partial<RunForm>): RunForm {
  return { ...emptyRunForm(), ...fields }
}

describe('splitShellWords', () => {
  it('splits as sh does: quotes, backslashes, runs of spaces', () => {
    expect(splitShellWords(`sh -c 'echo "$HOME"  x'`, en)).toEqual({ ok: true, words: ['sh', '-c', 'echo "$HOME"  x'] })
    expect(splitShellWords(`printf "%s\\n" a\\ b "" 'it'\\''s'`, en)).toEqual({ ok: true, words: ['printf', '%s\\n', 'a b', '', "it's"] })
    expect(splitShellWords('  ', en)).toEqual({ ok: true, words: [] })
    expect(splitShellWords('["/bin/sh", "-c", "a b"]', en)).toEqual({ ok: true, words: ['/bin/sh', '-c', 'a b'] })
  })

  it('says what is wrong with text it cannot split', () => {
    expect(splitShellWords("echo 'open", en)).toEqual({ ok: false, message: 'a single quote is not closed' })
    expect(splitShellWords('echo "open', en)).toEqual({ ok: false, message: 'a double quote is not closed' })
    expect(splitShellWords('echo \\', en)).toEqual({ ok: false, message: 'ends with a lone backslash' })
    expect(splitShellWords('[1, 2]', en)).toMatchObject({ ok: true })
    expect(splitShellWords('["a", 2]', en)).toEqual({ ok: false, message: 'a JSON array here holds only strings' })
  })

  it('reads back the words the docker run line writes', () => {
    const cmd = ['sh', '-c', `echo "it's $X" > /out`, '', 'tab\tx']
    const line = dockerRunArguments({ image: 'a', cmd }).slice(4)
    expect(splitShellWords(line.map(shellQuote).join(' '), en)).toEqual({ ok: true, words: cmd })
  })
})

describe('the run form', () => {
  it('builds the request from what was typed, leaving out empty rows and fields', () => {
    const built = buildRun(
      form({
        name: ' web ',
        command: "sh -c 'sleep 1'",
        env: [{ key: 'A', value: '1 2' }, { key: '', value: '' }, { key: 'B', value: '' }],
        ports: [{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' }, { hostIp: '', hostPort: '', containerPort: '', protocol: 'udp' }],
        mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }],
        labels: [{ key: 'team', value: 'core' }],
        restart: 'on-failure',
        maxRetries: '3',
        tty: true,
        start: false,
      }),
      'app:1',
      en,
    )
    expect(built.valid).toBe(true)
    expect(built.request).toEqual({
      image: 'app:1',
      name: 'web',
      cmd: ['sh', '-c', 'sleep 1'],
      env: ['A=1 2', 'B='],
      ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
      mounts: [{ type: 'volume', name: 'data', target: '/data', readOnly: true }],
      labels: { team: 'core' },
      restart: { name: 'on-failure', maxRetries: 3 },
      tty: true,
      start: false,
    })
  })

  it("puts each problem, the core's rules included, on the row or field it is about", () => {
    const built = buildRun(
      form({
        name: 'x',
        command: "echo 'open",
        env: [{ key: 'OK', value: '1' }, { key: '', value: 'orphan' }, { key: '9X', value: '1' }],
        ports: [{ hostIp: 'nowhere', hostPort: 'http', containerPort: '', protocol: 'tcp' }, { hostIp: '', hostPort: '', containerPort: '70000', protocol: 'tcp' }],
        mounts: [{ type: 'bind', source: 'relative', target: '', readOnly: false }, { type: 'bind', source: '/h', target: 'in', readOnly: false }],
        labels: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }],
        restart: 'always',
        autoRemove: true,
        workingDir: 'srv',
      }),
      'app:1',
      en,
    )
    expect(built.valid).toBe(false)
    expect(built.errors).toEqual({
      name: ["'x' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters"],
      cmd: ['a single quote is not closed'],
      'env.1': ['the variable has no name'],
      'env.2': ["'9X' is not a variable name (letters, digits and '_', not starting with a digit)"],
      'ports.0.containerPort': ['give the port inside the container'],
      'ports.0.hostPort': ["'http' is not a port number"],
      'ports.1.containerPort': ['70000 is not a port from 1 to 65535'],
      'mounts.0.target': ['give the path inside the container'],
      'mounts.1.target': ["'in' is not an absolute path (where it appears in the container)"],
      'labels.1': ['the label a is already set in row 1'],
      workingDir: ["'srv' is not an absolute path (the working directory)"],
      restart: ["a container removed when it stops cannot restart: choose 'no', or do not remove it when stopped"],
    })
  })

  it("places the core's refusals on the rows they name", () => {
    const built = buildRun(form({ env: [{ key: '', value: '' }, { key: 'A', value: '1' }], labels: [{ key: 'x', value: '' }, { key: 'y', value: '' }], ports: [{ hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' }] }), 'a:1', en)
    expect(serverFieldErrors({ issues: ['env.0: bad', 'labels.y: worse', 'ports.0.hostIp: no', 'name: taken', 'not an issue'] }, built.rows, en)).toEqual({
      'env.1': ['bad'],
      'labels.1': ['worse'],
      'ports.0.hostIp': ['no'],
      name: ['taken'],
    })
  })

  it("words the core's refusals in the user's language when they carry problems", () => {
    const built = buildRun(form({ ports: [{ hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' }] }), 'a:1', en)
    const detail = { issues: ['workingDir: english'], problems: [{ path: ['workingDir'], problem: { id: 'run.workingDirNotAbsolute', params: { value: 'srv' } } }] }
    const english = serverFieldErrors(detail, built.rows, en).workingDir?.[0] ?? ''
    const chinese = serverFieldErrors(detail, built.rows, translator('zh-CN')).workingDir?.[0] ?? ''
    expect(english).toContain("'srv'")
    expect(chinese).toContain('srv')
    expect(chinese).not.toBe(english)
  })

  it('reads pasted env lines, skipping comments and keeping back what is not KEY=VALUE', () => {
    expect(parseEnvLines('# comment\nA=1\n\nexport B = two\nnope\n=x\r\nC==', en)).toEqual({
      rows: [
        { key: 'A', value: '1' },
        { key: 'B', value: ' two' },
        { key: 'C', value: '=' },
      ],
      rejected: ['nope', '=x'],
      problems: ["line 5: 'nope' is not KEY=VALUE", "line 6: '=x' is not KEY=VALUE"],
    })
  })
})

describe('the run form in Chinese', () => {
  it('words its own checks in the chosen language', () => {
    expect(splitShellWords("echo 'open", zh)).toEqual({ ok: false, message: '单引号未闭合' })
    expect(parseEnvLines('nope', zh).problems).toEqual(['第 1 行：“nope”不是 KEY=VALUE'])
    expect(buildRun({ ...emptyRunForm(), ports: [{ hostIp: '', hostPort: 'x', containerPort: '', protocol: 'tcp' }] }, 'a:1', zh).errors).toEqual({
      'ports.0.containerPort': ['请填写容器内的端口'],
      'ports.0.hostPort': ['“x”不是端口号'],
    })
  })
})
