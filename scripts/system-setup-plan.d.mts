// Types of system-setup-plan.mjs for the TypeScript tests that import it.
export interface Requirement {
  package: string
  commands?: string[]
  paths?: string[]
  why: string
}
export const ARM64_BUSYBOX_DEB: string
export const REQUIREMENTS: Requirement[]
export function installedPackages(dpkgOutput: string): Set<string>
export function missingPackages(inputs: { installed: Set<string>; hasCommand: (name: string) => boolean; ubuntu?: boolean; requirements?: Requirement[] }): string[]
export function isUbuntu(osRelease: Record<string, string>): boolean
export function ubuntuChromiumProblem(inputs: { ubuntu: boolean; hasPath: (path: string) => boolean }): string | null
export function missingThings(inputs: {
  hasCommand: (name: string) => boolean
  hasPath: (path: string) => boolean
  arm64DebPresent: boolean
  requirements?: Requirement[]
}): string[]
export function privilegeRoute(inputs: { uid: number; sudoWorks: boolean }): 'root' | 'sudo' | 'manual'
export function aptInstallCommand(packages: string[]): string[]
export function manualMessage(inputs: { packages: string[]; arm64Missing: boolean }): string
export function otherSystemMessage(inputs: { platform: NodeJS.Platform; missing: string[] }): string | null
export function parseOsRelease(text: string): Record<string, string>
export function arm64Source(osRelease: Record<string, string>): string | null
