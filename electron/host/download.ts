import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { StrataError } from '../../shared/errors'
import { suggestedFileName } from '../../shared/save-file'
import { saveFileInput } from '../../shared/save-file-input'
import type { StrataCore } from '../core/api/core'

/** `filename` for old clients (ASCII only) and `filename*` with the real name (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function requestOf(query: URLSearchParams): unknown {
  const layer = query.get('layer')
  return {
    ref: query.get('ref') ?? '',
    path: query.get('path') ?? '',
    ...(layer === null ? {} : { layer: /^\d+$/.test(layer) ? Number(layer) : layer }),
  }
}

/**
 * Streams one file of an image as a download. It is extracted first into a private
 * temporary folder (the export is read up to its layer), so an error is still sent
 * as an error and never as a cut-short file.
 */
export async function sendDownload(core: StrataCore, query: URLSearchParams, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const parsed = saveFileInput.safeParse(requestOf(query))
  if (!parsed.success) {
    throw new StrataError('INVALID_INPUT', `Not a file to download: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`)
  }
  const { ref, layer, path } = parsed.data
  const folder = await mkdtemp(join(tmpdir(), 'strata-download-'))
  try {
    const file = join(folder, 'file')
    await core.extractFile(ref, layer, path, file)
    const { size } = await stat(file)
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(suggestedFileName(path)),
      'Cache-Control': 'no-store',
    })
    await pipeline(createReadStream(file), response)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
