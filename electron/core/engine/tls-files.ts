import { closeSync, openSync, readSync } from 'node:fs'
import { failure } from '../../../shared/errors'
import { problem, type ProblemId } from '../../../shared/problems'
import type { EngineTls } from '../../../shared/types'

type Outcome = 'missing' | 'denied' | 'folder' | 'unreadable' | 'notPem'

/** One sentence per file and outcome, so each names the file in the user's language. */
const PROBLEMS: Record<'ca' | 'cert' | 'key', Record<Outcome, ProblemId>> = {
  ca: { missing: 'engine.caMissing', denied: 'engine.caDenied', folder: 'engine.caFolder', unreadable: 'engine.caUnreadable', notPem: 'engine.caNotPem' },
  cert: { missing: 'engine.certMissing', denied: 'engine.certDenied', folder: 'engine.certFolder', unreadable: 'engine.certUnreadable', notPem: 'engine.certNotPem' },
  key: { missing: 'engine.keyMissing', denied: 'engine.keyDenied', folder: 'engine.keyFolder', unreadable: 'engine.keyUnreadable', notPem: 'engine.keyNotPem' },
}

/** Why a file cannot be read, by Node's code; anything else is said in Node's own words. */
const UNREADABLE: Record<string, Outcome> = { ENOENT: 'missing', EACCES: 'denied', EPERM: 'denied', EISDIR: 'folder' }

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
      const known = typeof code === 'string' ? UNREADABLE[code] : undefined
      const found = known === undefined ? problem(PROBLEMS[role].unreadable, { path, reason: error instanceof Error ? error.message : String(error) }) : problem(PROBLEMS[role][known], { path })
      throw failure('INVALID_INPUT', found, { path, role })
    }
    if (!head.includes('-----BEGIN ')) {
      throw failure('INVALID_INPUT', problem(PROBLEMS[role].notPem, { path }), { path, role })
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
