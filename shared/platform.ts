import { StrataError } from './errors'
import type { Platform } from './types'

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' }

/** The variant an architecture means when none is written (as containerd normalizes: arm64 is v8, arm is v7). */
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' }

/** Reads `os/arch[/variant]` as `docker pull --platform` takes it. */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/')
  const [os, architecture, variant] = parts
  if (parts.length > 3 || os === undefined || os === '' || architecture === undefined || architecture === '' || variant === '') {
    throw new StrataError('INVALID_INPUT', `a platform is os/arch[/variant] (linux/arm64, linux/arm/v7), not "${text}"`)
  }
  return { os, architecture, variant: variant ?? null }
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== null && part !== '').join('/')
}

export function normalizePlatform(platform: Platform): Platform {
  const architecture = ARCH_ALIASES[platform.architecture] ?? platform.architecture
  const variant = platform.variant === null || platform.variant === '' ? (DEFAULT_VARIANT[architecture] ?? null) : platform.variant
  return { os: platform.os, architecture, variant }
}

/** Whether an image built for `candidate` is what `wanted` asks for; a wanted platform without a variant takes any variant. */
export function platformMatches(candidate: Platform, wanted: Platform): boolean {
  const a = normalizePlatform(candidate)
  const b = normalizePlatform(wanted)
  if (a.os !== b.os || a.architecture !== b.architecture) return false
  return wanted.variant === null || wanted.variant === '' || a.variant === b.variant
}
