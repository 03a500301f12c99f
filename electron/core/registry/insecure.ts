import { isIPv4 } from 'node:net'
import type { EngineConnection } from '../engine/connection'

/** The part of GET /info that says which registries the engine reaches without TLS. */
export interface RegistryConfig {
  InsecureRegistryCIDRs?: string[] | null
  IndexConfigs?: Record<string, { Name?: string; Secure?: boolean } | undefined> | null
}

/** dockerd's own default when nothing is configured. */
const DEFAULT_CONFIG: RegistryConfig = { InsecureRegistryCIDRs: ['127.0.0.0/8'] }

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0)
}

function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/')
  if (base === undefined || !isIPv4(base)) return false
  const bits = Number(bitsText ?? '32')
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false
  const size = 2 ** (32 - bits)
  return Math.floor(ipv4Number(address) / size) === Math.floor(ipv4Number(base) / size)
}

/**
 * Whether the engine treats a registry as insecure (plain HTTP allowed): named in
 * IndexConfigs with Secure false, or an IPv4 address (localhost counts as 127.0.0.1)
 * inside one of InsecureRegistryCIDRs. Host names are not resolved: that is the simple part the engine does more of.
 */
export function isInsecureRegistry(domain: string, config: RegistryConfig): boolean {
  const indexed = config.IndexConfigs?.[domain]
  if (indexed?.Secure === false) return true
  const host = domain.replace(/:\d+$/, '')
  const address = host === 'localhost' ? '127.0.0.1' : host
  if (!isIPv4(address)) return false
  return (config.InsecureRegistryCIDRs ?? []).some((cidr) => inCidr(address, cidr))
}

/** The engine's registry settings; its defaults when /info does not say (Podman, an old engine). */
export async function engineRegistryConfig(connection: EngineConnection): Promise<RegistryConfig> {
  try {
    const info = (await connection.docker.info()) as { RegistryConfig?: RegistryConfig | null }
    return info.RegistryConfig ?? DEFAULT_CONFIG
  } catch {
    return DEFAULT_CONFIG
  }
}
