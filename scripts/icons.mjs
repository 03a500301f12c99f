#!/usr/bin/env node
// Renders build/icon.svg, the one drawing every platform's icon comes from, into the PNGs
// electron-builder packs: build/icons/<n>x<n>.png for Linux (the hicolor theme wants each size
// drawn, not scaled by the desktop) and build/icon.png at 1024 px, from which electron-builder
// makes the macOS .icns and the Windows .ico. Run by `npm run dist`; the PNGs are not committed.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BUILD = fileURLToPath(new URL('../build/', import.meta.url))
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
const MASTER_SIZE = 1024

// Any Chromium or Chrome does; Debian's is the one the test machines have.
const CANDIDATES = [
  process.env.STRATA_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
]

function findBrowser() {
  const found = CANDIDATES.find((path) => path !== undefined && path !== '' && existsSync(path))
  if (found === undefined) {
    throw new Error('scripts/icons.mjs needs Chromium or Chrome to draw the icons: install it or set STRATA_CHROMIUM to its path.')
  }
  return found
}

async function render() {
  const svg = readFileSync(`${BUILD}icon.svg`, 'utf8')
  const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
  const browser = await chromium.launch({
    executablePath: findBrowser(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 })
    mkdirSync(`${BUILD}icons`, { recursive: true })
    const targets = [...LINUX_SIZES.map((size) => ({ size, file: `${BUILD}icons/${size}x${size}.png` })), { size: MASTER_SIZE, file: `${BUILD}icon.png` }]
    for (const { size, file } of targets) {
      await page.setViewportSize({ width: size, height: size })
      // The browser scales the vector drawing itself, so a small size is drawn, not downsampled.
      await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${source}" width="${size}" height="${size}">`)
      await page.locator('img').evaluate((image) => image.decode())
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    }
    process.stdout.write(`icons: ${targets.length} PNGs from build/icon.svg\n`)
  } finally {
    await browser.close()
  }
}

await render()
