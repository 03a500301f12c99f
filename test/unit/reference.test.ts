import { describe, expect, it } from 'vitest'
import { checkRepository, checkTag, familiarName, familiarTag, normalizedName, parseRepositoryTag, splitDomain } from '../../shared/reference'

describe('repository names the engine accepts', () => {
  it.each([
    'app',
    'a',
    '0',
    'my-app',
    'my--app',
    'my---app',
    'my_app',
    'my__app',
    'my.app',
    'a.b_c__d-e--f',
    'team/app',
    'a/b/c/d/e',
    'localhost/app',
    'localhost:5000/app',
    'registry.example.com/team/app',
    'registry.example.com:443/app',
    'Registry.Example.COM/app',
    'my-registry.io/app',
    '127.0.0.1:5000/app',
    // Not a host name, but a valid path component: the engine's optional-registry grammar takes it (measured on 20.10).
    'exa_mple.com/app',
    'docker.io/library/app',
    'index.docker.io/app',
  ])('accepts %s', (name) => {
    expect(checkRepository(name)).toBeNull()
  })
})

describe('repository names the engine refuses, each with what is wrong', () => {
  it.each([
    ['', 'the repository name is empty'],
    ['MyApp', "uppercase letters are not allowed in a repository name: 'MyApp'"],
    ['team/MyApp', "uppercase letters are not allowed in a repository name: 'team/MyApp'"],
    // Newer engines read an uppercase first part as a registry host; 20.10 refuses it. Stricter is safe on both.
    ['MyOrg/app', "uppercase letters are not allowed in a repository name: 'MyOrg/app'"],
    ['a..b', "'a..b' has two separators in a row ('..')"],
    ['a._b', "'a._b' has two separators in a row ('._')"],
    ['a-.b', "'a-.b' has two separators in a row ('-.')"],
    ['a___b', "'a___b' has 3 underscores in a row; at most two are allowed"],
    ['-app', "'-app' starts with '-': each part of a repository name starts with a letter or digit"],
    ['_app', "'_app' starts with '_': each part of a repository name starts with a letter or digit"],
    ['team/.app', "'.app' starts with '.': each part of a repository name starts with a letter or digit"],
    ['app-', "'app-' ends with '-': each part of a repository name ends with a letter or digit"],
    ['app.', "'app.' ends with '.': each part of a repository name ends with a letter or digit"],
    ['my app', "'my app' contains white space"],
    ['my$app', "'my$app' contains '$': a repository name holds only lowercase letters, digits, '.', '_' and '-'"],
    ['app:1', "'app:1' contains ':': give the tag separately"],
    ['app@sha256:abc', "'app@sha256:abc' has a digest ('@'): a commit names a repository and a tag, not a digest"],
    ['/app', "'/app' starts with '/'"],
    ['app/', "'app/' ends with '/'"],
    ['team//app', "'team//app' has an empty part ('//')"],
    ['localhost:abc/app', "the registry port in 'localhost:abc' is not a number"],
    ['localhost:/app', "the registry port in 'localhost:' is not a number"],
    ['Exa_mple.com/app', "the registry host 'Exa_mple.com' is not valid: 'Exa_mple' may hold only letters, digits and inner '-'"],
    ['exa_mple.com:5000/app', "the registry host 'exa_mple.com' is not valid: 'exa_mple' may hold only letters, digits and inner '-'"],
    ['[::1]:5000/app', "older engines (20.10 among them) refuse the IPv6 registry address '[::1]'; use a host name or an IPv4 address"],
    ['-bad.com/app', "the registry host '-bad.com' is not valid: '-bad' may hold only letters, digits and inner '-'"],
    ['a..com/app', "the registry host 'a..com' has an empty part between dots"],
    ['a'.repeat(64).replace(/a/g, 'f'), `'${'f'.repeat(64)}' is 64 hexadecimal characters, which the engine reads as an image ID, not a name`],
  ])('refuses %j: %s', (name, message) => {
    expect(checkRepository(name)).toBe(message)
  })

  it('measures the length as the engine stores the name, not as typed', () => {
    // docker.io/library/ is 18 characters: 237 typed characters make 255 stored, the most the engine takes (measured on 20.10).
    expect(checkRepository('a'.repeat(237))).toBeNull()
    expect(checkRepository('a'.repeat(238))).toBe('the repository name is too long: stored as docker.io/library/…, it has 256 characters; at most 255 are allowed')
    expect(checkRepository(`team/${'a'.repeat(240)}`)).toBeNull()
    expect(checkRepository(`team/${'a'.repeat(241)}`)).toBe('the repository name is too long: stored as docker.io/…, it has 256 characters; at most 255 are allowed')
    expect(checkRepository(`example.com/${'a'.repeat(243)}`)).toBeNull()
    expect(checkRepository(`example.com/${'a'.repeat(244)}`)).toMatch(/it has 256 characters/)
  })
})

describe('tags', () => {
  it.each(['1', 'latest', 'v1.2.3', '1.0-rc_1', '_private', 'A', 'x'.repeat(128)])('accepts %s', (tag) => {
    expect(checkTag(tag)).toBeNull()
  })

  it.each([
    ['', 'the tag is empty'],
    ['x'.repeat(129), 'the tag is longer than 128 characters (129)'],
    ['.hidden', "the tag '.hidden' starts with '.': a tag starts with a letter, digit or '_'"],
    ['-rc', "the tag '-rc' starts with '-': a tag starts with a letter, digit or '_'"],
    ['v1+2', "the tag 'v1+2' contains '+': a tag holds only letters, digits, '_', '.' and '-'"],
    ['v1/2', "the tag 'v1/2' contains '/': a tag holds only letters, digits, '_', '.' and '-'"],
    ['v 1', "the tag 'v 1' contains ' ': a tag holds only letters, digits, '_', '.' and '-'"],
  ])('refuses %j: %s', (tag, message) => {
    expect(checkTag(tag)).toBe(message)
  })
})

describe('repo[:tag] as typed on the command line', () => {
  it('splits at the last colon after the last slash, so a registry port is not a tag', () => {
    expect(parseRepositoryTag('app')).toEqual({ ok: true, repository: 'app', tag: null })
    expect(parseRepositoryTag('app:1.0')).toEqual({ ok: true, repository: 'app', tag: '1.0' })
    expect(parseRepositoryTag('localhost:5000/app')).toEqual({ ok: true, repository: 'localhost:5000/app', tag: null })
    expect(parseRepositoryTag('localhost:5000/app:2')).toEqual({ ok: true, repository: 'localhost:5000/app', tag: '2' })
  })

  it('says what is wrong with either part', () => {
    expect(parseRepositoryTag('MyApp:1')).toMatchObject({ ok: false, message: "uppercase letters are not allowed in a repository name: 'MyApp'" })
    expect(parseRepositoryTag('app:')).toMatchObject({ ok: false, message: 'the tag is empty' })
    expect(parseRepositoryTag(`app:${'x'.repeat(129)}`)).toMatchObject({ ok: false, message: 'the tag is longer than 128 characters (129)' })
    expect(parseRepositoryTag('app:1:2')).toMatchObject({ ok: false, message: "'app:1' contains ':': give the tag separately" })
    expect(parseRepositoryTag('app@sha256:00')).toMatchObject({ ok: false, message: expect.stringContaining('digest') as unknown })
  })

  it('gives the problem behind the English, for the renderer to word', () => {
    expect(parseRepositoryTag('MyApp:1')).toMatchObject({ ok: false, problem: { id: 'reference.uppercase', params: { name: 'MyApp' } } })
    expect(parseRepositoryTag(`app:${'x'.repeat(129)}`)).toMatchObject({ ok: false, problem: { id: 'reference.tagTooLong', params: { max: 128, length: 129 } } })
  })
})

describe('normalization', () => {
  it('finds the registry the way the engine does', () => {
    expect(splitDomain('app')).toEqual({ domain: null, path: 'app' })
    expect(splitDomain('team/app')).toEqual({ domain: null, path: 'team/app' })
    expect(splitDomain('localhost/app')).toEqual({ domain: 'localhost', path: 'app' })
    expect(splitDomain('host:5000/app')).toEqual({ domain: 'host:5000', path: 'app' })
    expect(splitDomain('example.com/team/app')).toEqual({ domain: 'example.com', path: 'team/app' })
  })

  it('names the stored and the listed form', () => {
    expect(normalizedName('app')).toBe('docker.io/library/app')
    expect(normalizedName('team/app')).toBe('docker.io/team/app')
    expect(normalizedName('index.docker.io/app')).toBe('docker.io/library/app')
    expect(normalizedName('localhost:5000/app')).toBe('localhost:5000/app')
    expect(familiarName('docker.io/library/app')).toBe('app')
    expect(familiarName('docker.io/team/app')).toBe('team/app')
    expect(familiarName('index.docker.io/team/app')).toBe('team/app')
    expect(familiarName('example.com/app')).toBe('example.com/app')
    expect(familiarTag('docker.io/library/app', null)).toBe('app:latest')
    expect(familiarTag('localhost:5000/app', '2')).toBe('localhost:5000/app:2')
  })
})
