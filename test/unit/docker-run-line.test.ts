import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { dockerRunArguments, dockerRunLine, shellQuote } from '../../shared/docker-run-line'

/** What sh reads the line as: each word printed on its own line, NUL-separated to keep newlines in words. */
function wordsAsShellReadsThem(line: string): string[] {
  const output = execFileSync('sh', ['-c', `printf '%s\\0' ${line.replace(/^docker /, '')}`], { encoding: 'utf8' })
  return output.split('\0').slice(0, -1)
}

describe('quoting for POSIX shells', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('nginx:1.25')).toBe('nginx:1.25')
    expect(shellQuote('A=1')).toBe('A=1')
    expect(shellQuote('/srv/app')).toBe('/srv/app')
    expect(shellQuote('')).toBe("''")
    expect(shellQuote('two words')).toBe("'two words'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
    expect(shellQuote('$HOME')).toBe("'$HOME'")
    expect(shellQuote('~')).toBe("'~'")
  })

  it('gives sh back every argument exactly, whatever it holds', () => {
    const nasty = ["it's", '$(rm -rf /)', '`id`', 'a\nb', '"quoted"', '\\', '*', '!x', ';', '&&', '', ' lead', 'tab\there', 'é ü', "''"]
    for (const argument of nasty) expect(wordsAsShellReadsThem(`docker ${shellQuote(argument)}`), JSON.stringify(argument)).toEqual([argument])
  })
})

describe('the docker run line of a run request', () => {
  it('is docker run -d IMAGE for the bare image', () => {
    expect(dockerRunLine({ image: 'strata-fixture/base:1' })).toBe('docker run -d strata-fixture/base:1')
    expect(dockerRunLine({ image: 'busybox', start: false })).toBe('docker create busybox')
  })

  it('writes every field with docker run option names, the command after the image', () => {
    const line = dockerRunLine({
      image: 'app:1',
      name: 'web',
      cmd: ['sh', '-c', 'echo "$GREETING" > /out'],
      env: ['GREETING=hello world', 'EMPTY='],
      labels: { team: 'core', 'org.example.note': "it's" },
      ports: [
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 53, protocol: 'udp' },
        { containerPort: 443, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8443 },
        { containerPort: 9, protocol: 'sctp', hostIp: '::1' },
      ],
      mounts: [
        { type: 'bind', source: '/srv/data', target: '/data', readOnly: true },
        { type: 'volume', name: 'cache', target: '/cache', readOnly: false },
      ],
      workingDir: '/work dir',
      user: '1000:1000',
      restart: { name: 'on-failure', maxRetries: 3 },
      networkMode: 'host',
      tty: true,
      interactive: true,
      autoRemove: false,
    })
    expect(line).toBe(
      [
        'docker run -d --name web -i -t --restart on-failure:3 --network host -u 1000:1000',
        "-w '/work dir' -e 'GREETING=hello world' -e EMPTY= -l team=core -l 'org.example.note=it'\\''s'",
        "-p 8080:80 -p 53/udp -p 127.0.0.1:8443:443 -p '[::1]::9/sctp' -v /srv/data:/data:ro -v cache:/cache",
        "app:1 sh -c 'echo \"$GREETING\" > /out'",
      ].join(' '),
    )
  })

  it('writes --rm, and leaves out restart no and defaults', () => {
    expect(dockerRunLine({ image: 'a:1', autoRemove: true, restart: { name: 'no' }, tty: false })).toBe('docker run -d --rm a:1')
    expect(dockerRunLine({ image: 'a:1', restart: { name: 'always' } })).toBe('docker run -d --restart always a:1')
  })

  it('writes one --entrypoint and puts the rest of the entrypoint before the command', () => {
    expect(dockerRunArguments({ image: 'a:1', entrypoint: ['/bin/sh', '-c'], cmd: ['echo hi'] })).toEqual(['docker', 'run', '-d', '--entrypoint', '/bin/sh', 'a:1', '-c', 'echo hi'])
    expect(dockerRunLine({ image: 'a:1', entrypoint: null })).toBe("docker run -d --entrypoint '' a:1")
  })

  it('is read back by sh as the same words', () => {
    const request = { image: 'a:1', name: 'n1', env: ['X=a b$c'], cmd: ['printf', '%s\n', "it's"], labels: { 'k k': 'v"v' } }
    expect(wordsAsShellReadsThem(dockerRunLine(request))).toEqual(dockerRunArguments(request).slice(1))
  })
})
