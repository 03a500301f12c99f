import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/**
 * Serves a file of the built renderer; false when there is no such file.
 * `path` is already percent-decoded and free of `..` (see request-target.ts);
 * the containment check below still holds if that ever changes.
 */
export async function serveStatic(root: string, path: string, response: ServerResponse): Promise<boolean> {
  const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '')
  const base = resolve(root)
  const target = normalize(join(base, relative))
  if (!target.startsWith(base + sep)) return false
  let info
  try {
    info = await stat(target)
  } catch {
    return false
  }
  if (!info.isFile()) return false
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': relative === 'index.html' ? 'no-store' : 'max-age=31536000, immutable',
  })
  // A file that vanishes or fails mid-read cuts the answer short; it must not become an uncaught stream error.
  await pipeline(createReadStream(target), response).catch(() => {
    response.destroy()
  })
  return true
}
