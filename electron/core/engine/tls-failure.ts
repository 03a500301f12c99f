/** Node's error codes for a TLS handshake that failed (certificate, protocol). */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
])

/**
 * Whether an error is a TLS failure. Kept apart from errors.ts, which loads the modem,
 * so that discovery can tell TLS failures without loading the engine client.
 */
export function isTlsFailure(code: string | null, message: string): boolean {
  if (code !== null && (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))) return true
  return /certificate|ssl|tls/i.test(message)
}
