import { describe, expect, it } from 'vitest'
import { parseChangeLines, parseDuration } from '../../shared/change-parser'
import { commitChangeLines } from '../../shared/commit-lines'
import type { CommitChanges } from '../../shared/types'

function parsed(...lines: string[]): CommitChanges {
  const result = parseChangeLines(lines)
  if (!result.ok) throw new Error(result.message)
  return result.changes
}

function refused(...lines: string[]): string {
  const result = parseChangeLines(lines)
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.changes)}`)
  return result.message
}

describe('reading --change lines', () => {
  it('reads CMD and ENTRYPOINT in exec and shell form', () => {
    expect(parsed('CMD ["nginx", "-g", "daemon off;"]')).toEqual({ cmd: ['nginx', '-g', 'daemon off;'] })
    expect(parsed('cmd echo "$HOME" && ls')).toEqual({ cmd: ['/bin/sh', '-c', 'echo "$HOME" && ls'] })
    // Not valid JSON (single quotes): the engine runs it as shell form too.
    expect(parsed("ENTRYPOINT ['a']")).toEqual({ entrypoint: ['/bin/sh', '-c', "['a']"] })
    expect(parsed('ENTRYPOINT ["/entry"]', 'CMD ["x"]', 'CMD ["y"]')).toEqual({ entrypoint: ['/entry'], cmd: ['y'] })
  })

  it('reads ENV and LABEL pairs with quotes and escapes, in both forms', () => {
    expect(parsed('ENV A=1 B="two words" C=\'single $x\' D=a\\ b E=', 'ENV A=3')).toEqual({ env: ['A=3', 'B=two words', 'C=single $x', 'D=a b', 'E='] })
    expect(parsed('ENV GREETING hello  big world')).toEqual({ env: ['GREETING=hello  big world'] })
    expect(parsed('ENV Q="a \\"quoted\\" \\$dollar \\\\ back \\n"')).toEqual({ env: ['Q=a "quoted" $dollar \\ back \\n'] })
    expect(parsed('LABEL "org.example.name"="My App" version=1', 'LABEL version=2')).toEqual({ labels: { 'org.example.name': 'My App', version: '2' } })
    expect(parsed('LABEL description some words')).toEqual({ labels: { description: 'some words' } })
  })

  it('refuses variable references, which the engine would expand out of sight', () => {
    expect(refused('ENV PATH=$PATH:/x')).toBe("'$PATH:/x' refers to a variable: write the value out, or escape the $ as \\$")
    expect(refused('WORKDIR ${HOME}/x')).toMatch(/refers to a variable/)
    expect(parsed('ENV PRICE=5$ LITERAL=\\$HOME')).toEqual({ env: ['PRICE=5$', 'LITERAL=$HOME'] })
  })

  it('reads EXPOSE, VOLUME, USER, WORKDIR and STOPSIGNAL', () => {
    expect(parsed('EXPOSE 80 443/tcp', 'EXPOSE 53/udp 80')).toEqual({ expose: ['80', '443/tcp', '53/udp'] })
    expect(parsed('VOLUME ["/data", "/logs"]', 'VOLUME /cache /data')).toEqual({ volumes: ['/data', '/logs', '/cache'] })
    expect(parsed('USER 1000:1000', 'WORKDIR "/srv/my app"', 'STOPSIGNAL SIGINT')).toEqual({ user: '1000:1000', workdir: '/srv/my app', stopSignal: 'SIGINT' })
  })

  it('reads HEALTHCHECK options, NONE, and shell or exec commands', () => {
    expect(parsed('HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s --retries=4 CMD ["/bin/check", "-q"]')).toEqual({
      healthcheck: { test: ['/bin/check', '-q'], intervalSeconds: 90, timeoutSeconds: 0.5, startPeriodSeconds: 2, retries: 4 },
    })
    expect(parsed('HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1')).toEqual({ healthcheck: { test: ['/bin/sh', '-c', 'wget -q -O- http://localhost/ || exit 1'] } })
    expect(parsed('healthcheck none')).toEqual({ healthcheck: { none: true } })
    expect(refused('HEALTHCHECK --interval=30s NONE')).toBe('HEALTHCHECK NONE takes no options and nothing after it')
    expect(refused('HEALTHCHECK --interval=soon CMD x')).toBe('HEALTHCHECK --interval=soon is not a duration such as 30s, 1m30s or 500ms')
    expect(refused('HEALTHCHECK --retries=many CMD x')).toBe('HEALTHCHECK --retries=many is not a whole number')
    expect(refused('HEALTHCHECK --start-interval=1s CMD x')).toBe('HEALTHCHECK has no option --start-interval (it takes --interval, --timeout, --start-period, --retries)')
    expect(refused('HEALTHCHECK /bin/check')).toBe('HEALTHCHECK takes NONE, or [options] CMD followed by the command')
    expect(refused('HEALTHCHECK CMD')).toBe('HEALTHCHECK CMD needs a command')
  })

  it('keeps ONBUILD triggers in order, as written', () => {
    expect(parsed('ONBUILD RUN make', 'ONBUILD copy . /src')).toEqual({ onbuild: ['RUN make', 'copy . /src'] })
  })

  it('refuses instructions a commit cannot apply, and malformed lines', () => {
    expect(refused('RUN apt-get update')).toBe('RUN cannot be applied by a commit; the changes a commit takes are CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, HEALTHCHECK, ONBUILD')
    expect(refused('   ')).toBe('a change line is empty')
    expect(refused('ENV A="open')).toBe('a double quote is not closed in: A="open')
    expect(refused('ENV LONELY')).toBe('ENV LONELY has no value: write ENV LONELY=value')
    expect(refused('ENV A=1 B')).toBe("'B' in ENV is not name=value")
    expect(refused('CMD')).toBe('CMD needs a command')
    expect(refused('EXPOSE')).toBe('EXPOSE needs at least one port')
    expect(refused('USER')).toBe('USER needs a value')
    expect(refused('ONBUILD')).toBe('ONBUILD needs an instruction to run later')
  })

  it('reads back the lines the builder writes', () => {
    const changes: CommitChanges = {
      entrypoint: ['/entry', 'a b'],
      cmd: ['--flag'],
      env: ['A=x $y "q" \\ b=c', 'EMPTY='],
      labels: { 'k 1': "v $z's" },
      expose: ['80/tcp', '53/udp'],
      volumes: ['/d$x', "/it's"],
      user: 'app',
      workdir: '/w d',
      stopSignal: 'SIGINT',
      healthcheck: { test: ['/bin/true'], intervalSeconds: 1.1, timeoutSeconds: 5, retries: 2 },
      onbuild: ['RUN make'],
    }
    expect(parsed(...commitChangeLines(changes))).toEqual(changes)
  })
})

describe('Go durations', () => {
  it.each([
    ['30s', 30],
    ['1m30s', 90],
    ['500ms', 0.5],
    ['1h', 3600],
    ['1.5s', 1.5],
    ['2us', 0.000002],
  ])('%s is %d s', (text, seconds) => {
    expect(parseDuration(text)).toBeCloseTo(seconds, 9)
  })

  it.each(['', '30', 's', '1x', '-1s', '1 s'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull()
  })
})
