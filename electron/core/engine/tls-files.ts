import { closeSync, openSync, readSync } from 'node:fs'
import { StrataError } from '../../../shared/errors'
import type { EngineTls } from '../../../shared/types'

const ROLES = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' } as const

/**
 * Each TLS file a user named for an engine is opened and must look like PEM before
 * anything is switched or saved: a typo then says which file, instead of a switch to
 * an engine that never connects with "cannot read" in its state line.
 */
export function checkTlsFiles(tls: EngineTls): void {
  for (const role of ['ca', 'cert', 'key'] as const) {
    const path = tls[role]
    if (path === null) continue
    let head: string
    try {
      head = readHead(path)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'Strata may not read it' : code === 'EISDIR' ? 'it is a folder' : error instanceof Error ? error.message : String(error)
      throw new StrataError('INVALID_INPUT', `The ${ROLES[role]} ${path} cannot be read: ${why}.`, { path, role })
    }
    if (!head.includes('-----BEGIN ')) {
      throw new StrataError('INVALID_INPUT', `The ${ROLES[role]} ${path} is not a PEM file (no "-----BEGIN" line near its start).`, { path, role })
    }
  }
}

/** The first 4 KiB: enough for a PEM header after comments, without reading a wrong multi-gigabyte pick. */
function readHead(path: string): string {
  const descriptor = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(4096)
    const read = readSync(descriptor, buffer, 0, buffer.length, 0)
    return buffer.subarray(0, read).toString('latin1')
  } finally {
    closeSync(descriptor)
  }
}
