import { describe, expect, it } from 'vitest'
import { expandSshPath, matchesPattern, matchesPatternList, parseSshConfig, settingsForHost, splitConfigLine } from '../../electron/core/engine/ssh/ssh-config'

const settingsOf = (text: string, alias: string): ReturnType<typeof settingsForHost> => settingsForHost(parseSshConfig(text), alias)

describe('splitConfigLine', () => {
  it.each([
    ['HostName example.org', ['HostName', 'example.org']],
    ['  Port=2222', ['Port', '2222']],
    ['Port = 2222', ['Port', '2222']],
    ['IdentityFile "~/My Keys/id ed"', ['IdentityFile', '~/My Keys/id ed']],
    ['Host a b\tc', ['Host', 'a', 'b', 'c']],
    ['User a=b', ['User', 'a=b']],
    ['IdentityFile ""', ['IdentityFile', '']],
  ])('%j', (line, words) => {
    expect(splitConfigLine(line)).toEqual(words)
  })
})

describe('ssh_config patterns', () => {
  it.each([
    ['box', 'box', true],
    ['BOX', 'box', true],
    ['box.example.org', '*.example.org', true],
    ['example.org', '*.example.org', false],
    ['web1', 'web?', true],
    ['web12', 'web?', false],
    ['a.b', 'a?b', true],
    ['axb', 'a.b', false],
    ['anything', '*', true],
    ['(x)', '(x)', true],
  ])('%s against %s: %s', (name, pattern, expected) => {
    expect(matchesPattern(name, pattern)).toBe(expected)
  })

  it('a negated pattern vetoes the list, and a list of only negations matches nothing', () => {
    expect(matchesPatternList('web1', ['web*', '!web1'])).toBe(false)
    expect(matchesPatternList('web2', ['web*', '!web1'])).toBe(true)
    expect(matchesPatternList('web2', ['!web1'])).toBe(false)
  })
})

describe('settingsForHost', () => {
  const config = [
    '# global lines apply to every host',
    'IdentityFile ~/.ssh/global_key',
    '',
    'Host build-*',
    '  HostName %h.internal.example',
    '  User builder',
    '  Port 2200',
    '  IdentityFile ~/.ssh/build',
    '',
    'Host build-7',
    '  # later blocks cannot override what an earlier one set',
    '  User someone-else',
    '  IdentityFile ~/.ssh/build7',
    '',
    'Match host build-7 exec "false"',
    '  User from-match',
    '  Port 1',
    '',
    'Host *',
    '  User everyone',
    '  Port 22',
    '  UserKnownHostsFile ~/.ssh/kh1 ~/.ssh/kh2',
    '  HashKnownHosts yes',
    '  IdentityAgent none',
  ].join('\n')

  it('takes the first value of each keyword over every matching block, in file order', () => {
    expect(settingsOf(config, 'build-7')).toEqual({
      hostName: '%h.internal.example',
      user: 'builder',
      port: 2200,
      identityFiles: ['~/.ssh/global_key', '~/.ssh/build', '~/.ssh/build7'],
      identityAgent: 'none',
      userKnownHostsFiles: ['~/.ssh/kh1', '~/.ssh/kh2'],
      hashKnownHosts: true,
    })
  })

  it('skips Match blocks up to the next Host line, and says so', () => {
    const parsed = parseSshConfig(config)
    expect(parsed.skipped).toEqual([{ line: 15, reason: 'Match blocks are not evaluated; their lines are skipped' }])
    expect(settingsOf(config, 'other').user).toBe('everyone')
    expect(settingsOf(config, 'other').port).toBe(22)
  })

  it('a host no block names gets only the global lines and the Host * block', () => {
    expect(settingsOf(config, 'laptop')).toMatchObject({ hostName: null, user: 'everyone', identityFiles: ['~/.ssh/global_key'] })
  })

  it('knows keywords in any case, ignores invalid ports, Include and empty values', () => {
    const text = 'HOST box\n  PORT 99999\n  port 2022\n  include other.conf\n  user\n  USER ops\n'
    const parsed = parseSshConfig(text)
    expect(parsed.skipped).toEqual([{ line: 4, reason: 'Include is not followed' }])
    expect(settingsForHost(parsed, 'box')).toMatchObject({ port: 2022, user: 'ops' })
  })

  it('an empty or missing config says nothing', () => {
    expect(settingsOf('', 'box')).toEqual({ hostName: null, user: null, port: null, identityFiles: [], identityAgent: null, userKnownHostsFiles: [], hashKnownHosts: null })
  })

  it('reads CRLF files and tolerates stray quotes', () => {
    expect(settingsOf('Host box\r\n  User "ops"\r\n  IdentityFile "~/a b\r\n', 'box')).toMatchObject({ user: 'ops', identityFiles: ['~/a b'] })
  })
})

describe('expandSshPath', () => {
  const tokens = { host: 'box.example', alias: 'box', remoteUser: 'ops', localUser: 'me', port: 2200, homeDir: '/home/me' }

  it.each([
    ['~/.ssh/id_%h_%r', '/home/me/.ssh/id_box.example_ops'],
    ['%d/keys/%u-%n-%p', '/home/me/keys/me-box-2200'],
    ['/etc/ssh/100%%', '/etc/ssh/100%'],
    ['~', '/home/me'],
    ['~other/key', '~other/key'],
    ['/keys/%C', '/keys/%C'],
  ])('%s', (value, expected) => {
    expect(expandSshPath(value, tokens)).toBe(expected)
  })
})
