import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, startServe, type ServeProcess } from '../support/browser'

// Two `strata serve` on two ports and an unrelated web service on a third, all on
// 127.0.0.1, visited by ONE browser profile: browsers keep one cookie jar per host,
// whatever the port, so this is where a badly scoped session cookie shows.
let browser: Browser
let context: BrowserContext
let first: ServeProcess
let second: ServeProcess
let bystander: Server
const bystanderCookies: (string | null)[] = []

beforeAll(async () => {
  first = await startServe(inject('dockerHost'))
  second = await startServe(inject('dockerHost'))
  bystander = createServer((request, response) => {
    bystanderCookies.push(request.headers.cookie ?? null)
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><title>another service</title><p>not Strata</p>')
  })
  await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve))
  browser = await launchChromium()
  context = await browser.newContext()
}, 120_000)

afterAll(async () => {
  await browser.close()
  await Promise.all([first.stop(), second.stop()])
  await new Promise((resolve) => bystander.close(resolve))
})

/** A contract call from inside the page, with the page's own cookies: what the renderer does. */
function engineStateFrom(page: Page): Promise<{ status: number; ok: unknown }> {
  return page.evaluate(async () => {
    const response = await fetch('/api/engine.state', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', credentials: 'same-origin' })
    const outcome = (await response.json()) as { ok?: unknown }
    return { status: response.status, ok: outcome.ok }
  })
}

/** The first event of the page's own WebSocket (the engine state), or the reason it failed. */
function firstEventFrom(page: Page): Promise<string> {
  const eventsUrl = new URL('/api/events', page.url())
  eventsUrl.protocol = 'ws:'
  return page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url)
        socket.addEventListener('message', (message: { data: unknown }) => {
          resolve((JSON.parse(String(message.data)) as { event: string }).event)
          socket.close()
        })
        socket.addEventListener('close', () => {
          resolve('closed before any event')
        })
      }),
    eventsUrl.href,
  )
}

const portOf = (serve: ServeProcess): string => new URL(serve.url).port

describe('two Strata hosts and another service in one browser', () => {
  let pageA: Page
  let pageB: Page

  it('logs in to both through their token addresses, each with a cookie of its own', async () => {
    pageA = await context.newPage()
    await pageA.goto(first.url)
    await expect.poll(() => pageA.getByTestId('engine-state').textContent()).toBe('Connected')
    pageB = await context.newPage()
    await pageB.goto(second.url)
    await expect.poll(() => pageB.getByTestId('engine-state').textContent()).toBe('Connected')
    expect(pageA.url()).not.toContain('token=')
    expect(pageB.url()).not.toContain('token=')
    const names = (await context.cookies()).filter((cookie) => cookie.name.startsWith('strata_token')).map((cookie) => `${cookie.name} ${cookie.path}`)
    expect(names.sort()).toEqual([`strata_token_${portOf(first)} /api/`, `strata_token_${portOf(second)} /api/`].sort())
  })

  it('keeps the first tab working after the second logged in, and the other way round', async () => {
    expect(await engineStateFrom(pageA)).toEqual({ status: 200, ok: true })
    expect(await engineStateFrom(pageB)).toEqual({ status: 200, ok: true })
    expect(await firstEventFrom(pageA)).toBe('engine.state')
    expect(await firstEventFrom(pageB)).toBe('engine.state')
    // A reload has no token in the address: the cookie alone carries the session.
    await pageA.reload()
    await expect.poll(() => pageA.getByTestId('engine-state').textContent()).toBe('Connected')
    expect(await engineStateFrom(pageA)).toEqual({ status: 200, ok: true })
  })

  it('sends no Strata cookie to another service on 127.0.0.1', async () => {
    const page = await context.newPage()
    await page.goto(`http://127.0.0.1:${String((bystander.address() as AddressInfo).port)}/`)
    await page.evaluate(async () => {
      await fetch('/data.json', { credentials: 'include' })
    })
    expect(bystanderCookies.length).toBeGreaterThanOrEqual(2)
    for (const cookie of bystanderCookies) expect(cookie ?? '').not.toMatch(/strata_token/)
  })
})
