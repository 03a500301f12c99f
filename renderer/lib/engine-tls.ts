import type { EngineTls } from '../../shared/types'
import type { Translate } from '../i18n/translator'

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
export function tlsFormProblem(address: string, form: TlsForm, t: Translate): string | null {
  if (!takesTls(address) || !form.enabled) return null
  for (const [label, path] of [['engine.tls.ca', form.ca], ['engine.tls.cert', form.cert], ['engine.tls.key', form.key]] as const) {
    const trimmed = path.trim()
    if (trimmed !== '' && !isAbsolute(trimmed)) return t('engine.tls.fullPath', { label: t(label) })
  }
  if ((form.cert.trim() === '') !== (form.key.trim() === '')) return t('engine.tls.pair')
  return null
}

/** The EngineTls the core takes for this address: null when the address is not tcp:// or TLS is off. */
export function tlsOfForm(address: string, form: TlsForm): EngineTls | null {
  if (!takesTls(address) || !form.enabled) return null
  const path = (text: string): string | null => (text.trim() === '' ? null : text.trim())
  return { ca: path(form.ca), cert: path(form.cert), key: path(form.key), verify: form.verify }
}

/** One line for a saved engine's TLS: which files, and whether the server is verified. */
export function tlsSummary(tls: EngineTls | null, t: Translate): string | null {
  if (tls === null) return null
  const ca = tls.ca !== null ? t('engine.tls.caShort') : null
  const cert = tls.cert !== null ? t('engine.tls.clientCertificate') : null
  const files = ca !== null && cert !== null ? t('engine.tls.both', { first: ca, second: cert }) : (ca ?? cert ?? t('engine.tls.systemCas'))
  return t('engine.tls.summary', { verified: t(tls.verify ? 'engine.tls.verified' : 'engine.tls.notVerified'), files })
}
