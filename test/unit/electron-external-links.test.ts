import { describe, expect, it, vi } from 'vitest'
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl, openExternalLink } from '../../electron/main/external-links'

describe('external links', () => {
  it('allows https pages of the allowed hosts only', () => {
    expect([...EXTERNAL_LINK_HOSTS]).toEqual(['docs.docker.com'])
    expect(isAllowedExternalUrl('https://docs.docker.com/reference/cli/docker/image/save/')).toBe(true)
    expect(isAllowedExternalUrl('https://DOCS.docker.com/#x')).toBe(true)
  })

  it.each([
    'http://docs.docker.com/',
    'https://docs.docker.com:8443/',
    'https://user:pw@docs.docker.com/',
    'https://docs.docker.com.evil.example/',
    'https://evil.example/docs.docker.com',
    'https://github.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:privacy',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('opens an allowed link, and logs a refused one without opening it', async () => {
    const open = vi.fn(() => Promise.resolve())
    const log = vi.fn()
    expect(openExternalLink('https://docs.docker.com/', open, log)).toBe(true)
    expect(openExternalLink('https://evil.example/x', open, log)).toBe(false)
    expect(open).toHaveBeenCalledExactlyOnceWith('https://docs.docker.com/')
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('https://evil.example/x'))
    // A browser that fails to start is logged, not thrown out of the handler.
    const failing = vi.fn(() => Promise.reject(new Error('no browser')))
    openExternalLink('https://docs.docker.com/', failing, log)
    await vi.waitFor(() => {
      expect(log).toHaveBeenLastCalledWith(expect.stringContaining('no browser'))
    })
  })
})
