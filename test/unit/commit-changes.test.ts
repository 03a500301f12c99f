import { describe, expect, it } from 'vitest'
import { commitChangeIssues, commitInputIssues, isStopSignal, issueText } from '../../shared/commit-changes'
import { commitChangeLines, previewCommitConfig } from '../../shared/commit-lines'
import type { CommitChanges, CommitConfig } from '../../shared/types'

const texts = (changes: CommitChanges): string[] => commitChangeIssues(changes).map(issueText)

describe('checking commit changes', () => {
  it('accepts a full set of valid changes', () => {
    const changes: CommitChanges = {
      cmd: ['/bin/sh', '-c', 'echo "hi"\nthere'],
      entrypoint: ['/entry'],
      env: ['A=1', 'EMPTY=', '_X9=a=b', 'SPACED=a b'],
      expose: ['80', '443/tcp', '53/udp', '9/SCTP', '65535'],
      labels: { 'org.example.k': 'v', 'with space': 'x $y "z"' },
      user: '1000:1000',
      workdir: '/srv/app dir',
      volumes: ['/data', '/var/lib/x'],
      stopSignal: 'SIGRTMIN+3',
      healthcheck: { test: ['/bin/true'], intervalSeconds: 1.5, timeoutSeconds: 5, startPeriodSeconds: 0.001, retries: 2 },
      onbuild: ['RUN make', 'copy . /src'],
    }
    expect(commitChangeIssues(changes)).toEqual([])
  })

  it('names the field and says what is wrong', () => {
    expect(texts({ env: ['FOO', '1X=2', 'MY-VAR=1', 'OK=line\nbreak'] })).toEqual([
      "changes.env.0: 'FOO' is not KEY=VALUE",
      "changes.env.1: '1X' is not a variable name (letters, digits and '_', not starting with a digit)",
      "changes.env.2: 'MY-VAR' is not a variable name (letters, digits and '_', not starting with a digit)",
      'changes.env.3: the value of OK holds a line break or NUL, which a change line cannot carry',
    ])
    expect(texts({ expose: ['0', '65536', '80/http', 'http', '80-90'] })).toEqual([
      "changes.expose.0: '0': the port must be from 1 to 65535",
      "changes.expose.1: '65536': the port must be from 1 to 65535",
      "changes.expose.2: '80/http': the protocol is tcp, udp or sctp",
      "changes.expose.3: 'http' is not a port such as 80 or 80/tcp",
      "changes.expose.4: '80-90' is not a port such as 80 or 80/tcp",
    ])
    expect(texts({ workdir: 'app' })).toEqual(["changes.workdir: 'app' is not an absolute path"])
    expect(texts({ workdir: '/app ' })).toEqual(["changes.workdir: '/app ' ends with white space"])
    expect(texts({ volumes: ['/ok', 'data'] })).toEqual(["changes.volumes.1: 'data' is not an absolute path"])
    expect(texts({ user: 'a b' })).toEqual(["changes.user: 'a b' is not a user name or ID, optionally with :group"])
    expect(texts({ stopSignal: 'SIGFOO' })).toEqual(["changes.stopSignal: 'SIGFOO' is not a signal such as SIGTERM, TERM or 15"])
    expect(texts({ labels: { 'a=b': 'x', '': 'y', c: 'line\nbreak' } })).toEqual([
      "changes.labels.a=b: the label name 'a=b' contains '='",
      'changes.labels.: a label name is empty',
      'changes.labels.c: holds a line break or NUL, which a change line cannot carry',
    ])
    expect(texts({ cmd: [] })).toEqual(['changes.cmd: is empty: give the program to run, or leave the field out to keep the current one'])
    expect(texts({ entrypoint: [''] })).toEqual(['changes.entrypoint.0: the program name is empty'])
  })

  it('refuses ONBUILD triggers the engine refuses or could never run', () => {
    expect(texts({ onbuild: ['ONBUILD RUN x', 'from scratch', 'MAINTAINER me', 'FROBNICATE x', '  ', 'RUN a\nRUN b'] })).toEqual([
      'changes.onbuild.0: ONBUILD is not allowed as an ONBUILD trigger',
      'changes.onbuild.1: FROM is not allowed as an ONBUILD trigger',
      'changes.onbuild.2: MAINTAINER is not allowed as an ONBUILD trigger',
      "changes.onbuild.3: 'FROBNICATE' is not a Dockerfile instruction",
      'changes.onbuild.4: is empty',
      'changes.onbuild.5: holds a line break or NUL, which a change line cannot carry',
    ])
  })

  it('checks health check durations and retries', () => {
    expect(texts({ healthcheck: { test: [] } })).toEqual(['changes.healthcheck.test: is empty: give the program to run, or leave the field out to keep the current one'])
    expect(texts({ healthcheck: { test: ['x'], intervalSeconds: 0, timeoutSeconds: 0.0005, startPeriodSeconds: 1.0001, retries: 0 } })).toEqual([
      "changes.healthcheck.intervalSeconds: 0 is not a duration from 0.001 s to a year (leave it out for the engine's default)",
      "changes.healthcheck.timeoutSeconds: 0.0005 is not a duration from 0.001 s to a year (leave it out for the engine's default)",
      'changes.healthcheck.startPeriodSeconds: 1.0001 s is not a whole number of milliseconds',
      "changes.healthcheck.retries: 0 is not a whole number from 1 (leave it out for the engine's default of 3)",
    ])
    expect(texts({ healthcheck: { none: true } })).toEqual([])
  })

  it('knows stop signals as the engine parses them', () => {
    for (const signal of ['SIGTERM', 'TERM', 'sigint', 'SIGKILL', '9', '15', 'SIGRTMIN', 'SIGRTMAX-2', 'SIGUSR1']) expect(isStopSignal(signal)).toBe(true)
    for (const signal of ['0', '65', 'SIGTERMX', 'SIGRTMIN+16', '', '-1', 'SIG']) expect(isStopSignal(signal)).toBe(false)
  })

  it('checks the name with the changes, and wants a repository for a tag', () => {
    expect(commitInputIssues({ tag: '1', changes: {} })).toEqual([{ path: ['tag'], message: 'a tag needs a repository', problem: { id: 'reference.tagNeedsRepository', params: {} } }])
    expect(commitInputIssues({ repository: 'Bad', tag: '.x', changes: { user: '' } }).map(issueText)).toEqual([
      "repository: uppercase letters are not allowed in a repository name: 'Bad'",
      "tag: the tag '.x' starts with '.': a tag starts with a letter, digit or '_'",
      "changes.user: '' is not a user name or ID, optionally with :group",
    ])
  })
})

describe('building change lines', () => {
  it('writes each field as the Dockerfile line the engine reads back exactly', () => {
    expect(
      commitChangeLines({
        cmd: ['echo', 'a "b"'],
        entrypoint: ['/entry'],
        env: ['A=x $y "q" \\ b=c', 'EMPTY='],
        labels: { 'k 1': "v $z's" },
        expose: ['80', '53/UDP'],
        volumes: ['/d$x', "/it's"],
        user: 'app',
        workdir: '/w d',
        stopSignal: 'SIGINT',
        healthcheck: { test: ['/bin/true'], intervalSeconds: 1.1, timeoutSeconds: 5, startPeriodSeconds: 30, retries: 2 },
        onbuild: ['  RUN make  '],
      }),
    ).toEqual([
      'ENTRYPOINT ["/entry"]',
      'CMD ["echo","a \\"b\\""]',
      'ENV A="x \\$y \\"q\\" \\\\ b=c"',
      'ENV EMPTY=""',
      'LABEL "k 1"="v \\$z\'s"',
      'EXPOSE 80/tcp 53/udp',
      'VOLUME ["/d\\\\$x","/it\\\\\'s"]',
      'USER app',
      'WORKDIR "/w d"',
      'STOPSIGNAL SIGINT',
      'HEALTHCHECK --interval=1100ms --timeout=5s --start-period=30s --retries=2 CMD ["/bin/true"]',
      'ONBUILD RUN make',
    ])
  })

  it('writes nothing for no changes, and HEALTHCHECK NONE for none', () => {
    expect(commitChangeLines({})).toEqual([])
    expect(commitChangeLines({ expose: [], volumes: [], healthcheck: { none: true } })).toEqual(['HEALTHCHECK NONE'])
  })
})

const BASE: CommitConfig = {
  entrypoint: null,
  cmd: ['sh'],
  env: ['PATH=/bin', 'MODE=dev'],
  exposedPorts: ['8080/tcp'],
  volumes: ['/var'],
  workingDir: '',
  user: '',
  labels: { keep: '1', change: 'old' },
  stopSignal: null,
  healthcheck: null,
  onBuild: ['RUN old'],
}

describe('previewing the committed config', () => {
  it('changes nothing without changes', () => {
    expect(previewCommitConfig(BASE, {})).toEqual(BASE)
  })

  it('replaces variables in place by name, merges labels, ports and volumes, appends triggers', () => {
    const result = previewCommitConfig(BASE, {
      env: ['MODE=prod', 'NEW=1'],
      labels: { change: 'new', added: 'x' },
      expose: ['80', '8080/tcp', '53/UDP'],
      volumes: ['/data', '/var'],
      onbuild: [' RUN make '],
      user: 'app',
      workdir: '/srv',
      stopSignal: 'SIGINT',
    })
    expect(result).toEqual({
      ...BASE,
      env: ['PATH=/bin', 'MODE=prod', 'NEW=1'],
      labels: { keep: '1', change: 'new', added: 'x' },
      exposedPorts: ['53/udp', '80/tcp', '8080/tcp'],
      volumes: ['/data', '/var'],
      onBuild: ['RUN old', 'RUN make'],
      user: 'app',
      workingDir: '/srv',
      stopSignal: 'SIGINT',
    })
    expect(BASE.env).toEqual(['PATH=/bin', 'MODE=dev'])
  })

  it('clears the command when only the entrypoint changes, as a Dockerfile ENTRYPOINT does', () => {
    expect(previewCommitConfig(BASE, { entrypoint: ['/entry'] })).toMatchObject({ entrypoint: ['/entry'], cmd: null })
    expect(previewCommitConfig(BASE, { entrypoint: ['/entry'], cmd: ['--flag'] })).toMatchObject({ entrypoint: ['/entry'], cmd: ['--flag'] })
    expect(previewCommitConfig({ ...BASE, entrypoint: ['/old'] }, { cmd: ['x'] })).toMatchObject({ entrypoint: ['/old'], cmd: ['x'] })
  })

  it('writes health checks as the engine stores them', () => {
    expect(previewCommitConfig(BASE, { healthcheck: { test: ['/bin/true', '-x'], intervalSeconds: 1.1, retries: 2 } }).healthcheck).toEqual({
      test: ['CMD', '/bin/true', '-x'],
      intervalSeconds: 1.1,
      timeoutSeconds: null,
      startPeriodSeconds: null,
      retries: 2,
    })
    expect(previewCommitConfig(BASE, { healthcheck: { none: true } }).healthcheck).toEqual({ test: ['NONE'], intervalSeconds: null, timeoutSeconds: null, startPeriodSeconds: null, retries: null })
  })
})
