import { describe, expect, it } from 'vitest'
import { objectRef } from '../../shared/contract'
import { checkObjectRef } from '../../shared/object-ref'

const FULL_ID = 'a'.repeat(32) + '0123456789abcdef0123456789abcdef'

describe('references every method may put into an engine path', () => {
  it.each([
    'busybox',
    'busybox:1.36',
    'busybox:latest',
    'team/app:v1.2.3',
    'localhost:5000/app',
    'localhost:5000/team/app:dev_build-7',
    '127.0.0.1:5000/app@sha256:' + FULL_ID,
    'registry.example.com/a/b/c',
    'app@sha256:' + FULL_ID,
    'app:v1@sha256:' + FULL_ID,
    // IDs, full and short, with and without the algorithm.
    FULL_ID,
    'abcd',
    'sha256:' + FULL_ID,
    'sha256:abcd',
    // Container names: uppercase, '_' and '.' are allowed there.
    'My_Container.1',
    'strata-test_web-1',
    'a',
  ])('accepts %s', (text) => {
    expect(checkObjectRef(text)).toBeNull()
    expect(objectRef.safeParse(text).success).toBe(true)
  })
})

describe('references refused before any URL is built, each with what is wrong', () => {
  it.each([
    ['', 'the reference is empty'],
    ['a//b', 'empty part'],
    ['a/', 'empty part'],
    ['/a', 'empty part'],
    ['a/../b', "'..' part"],
    ['a/./b', "'.' part"],
    ['..', "'..' part"],
    ['.', "'.' part"],
    ['a/b/..', "'..' part"],
    ['../etc/passwd', "'..' part"],
    ['a?b', 'not a name part'],
    ['a#b', 'not a name part'],
    ['a%2fb', 'not a name part'],
    ['a b', 'not a name part'],
    ['a\\b', 'not a name part'],
    ['-rm', 'not a name part'],
    ['a/-b', 'not a name part'],
    ['a/b:c/d', 'not a name part'],
    ['host:port/app', 'registry port'],
    ['sha256:abc', '4 to 64'],
    ['sha256:', '4 to 64'],
    ['sha256:' + FULL_ID + '0', '4 to 64'],
    ['sha256:' + FULL_ID.toUpperCase(), '4 to 64'],
    [FULL_ID + 'ab', 'longer than an ID'],
    ['app@sha256:abc', 'is not a digest'],
    ['app@latest', 'is not a digest'],
    ['@sha256:' + FULL_ID, 'no name before'],
    ['app:-x', 'the tag'],
    ['app:' + 'x'.repeat(129), 'the tag'],
    ['app:a:b', 'not a name part'],
    ['a\u0000b', 'not a name part'],
    ['ünïcode', 'not a name part'],
  ])('refuses %j', (text, reason) => {
    expect(checkObjectRef(text)).toContain(reason)
    const parsed = objectRef.safeParse(text)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toContain(reason)
  })

  it('caps the length at 512 characters', () => {
    expect(objectRef.safeParse('z'.repeat(512)).success).toBe(true)
    expect(objectRef.safeParse('z'.repeat(513)).success).toBe(false)
  })
})
