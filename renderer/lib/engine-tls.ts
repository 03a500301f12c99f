import type { EngineTls } from '../../shared/types'

/** The TLS part of an engine form, as typed: paths on the machine Strata's core runs on. */
export interface TlsForm {
  enabled: boolean
  ca: string
  cert: string
  key: string
  verify: boolean
}

export function blankTlsForm(): TlsForm {
  return { enabled: true, ca: '', cert: '', key: '', verify: true }
}

/** TLS applies to tcp:// addresses only; ssh and sockets carry their own protection. */
export function takesTls(address: string): boolean {
  return /^tcp:\/\//i.test(address.trim())
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')
}

/** What is wrong with the TLS fields for this address, or null; the core checks the files themselves. */
export function tlsFormProblem(address: string, form: TlsForm): string | null {
  if (!takesTls(address) || !form.enabled) return null
  for (const [label, path] of [['CA certificate', form.ca], ['Client certificate', form.cert], ['Client key', form.key]] as const) {
    const trimmed = path.trim()
    if (trimmed !== '' && !isAbsolute(trimmed)) return `${label}: give the full path, e.g. /home/you/.docker/ca.pem`
  }
  if ((form.cert.trim() === '') !== (form.key.trim() === '')) return 'A client certificate and its key go together: give both or neither.'
  return null
}

/** The EngineTls the core takes for this address: null when the address is not tcp:// or TLS is off. */
export function tlsOfForm(address: string, form: TlsForm): EngineTls | null {
  if (!takesTls(address) || !form.enabled) return null
  const path = (text: string): string | null => (text.trim() === '' ? null : text.trim())
  return { ca: path(form.ca), cert: path(form.cert), key: path(form.key), verify: form.verify }
}

/** One line for a saved engine's TLS: which files, and whether the server is verified. */
export function tlsSummary(tls: EngineTls | null): string | null {
  if (tls === null) return null
  const files = [tls.ca !== null ? 'CA' : null, tls.cert !== null ? 'client certificate' : null].filter((part) => part !== null)
  const verified = tls.verify ? 'verified' : 'not verified'
  return `TLS (${verified}${files.length > 0 ? `; ${files.join(' and ')}` : '; system CAs'})`
}
