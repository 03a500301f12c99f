import type { CleanupPolicy } from '../policy-input'
/** Strata's own settings, saved engines and the cache. Part of the contract's data shapes (shared/types.ts re-exports it). */

/** Strata's own settings, shared by the app, `strata serve` and the command line. */
export interface StrataSettings {
  /** Image IDs (or references) a cleanup never removes, as the user pinned them. */
  pinnedImages: string[]
  /** Engines the user saved by name, in the order saved. */
  engines: SavedEngine[]
  /** The engine the app and `strata serve` open at start (settings.json's engineHost); null follows the docker CLI's order. */
  defaultEngineHost: string | null
  /** The TLS files of the default engine when it is a tcp:// engine given its own (settings.json's engineTls). */
  defaultEngineTls: EngineTls | null
  theme: ThemeChoice
  /** The interface language; 'system' follows the OS's preferred languages. */
  language: LanguageChoice
  /** The app's sidebar: 'auto' is expanded on wide windows and icons only on narrow ones; the other two are the user's choice. */
  sidebar: SidebarChoice
  /** The cache folder's size cap in bytes; null uses the built-in cap of the layer cache. */
  cacheCapBytes: number | null
  /** os/arch[/variant] the pull form starts with; null: the engine's own platform. */
  defaultPullPlatform: string | null
  /** Saved cleanup policies (settings.json's cleanupPolicies), in the order saved. */
  cleanupPolicies: CleanupPolicy[]
  /** settings.json could not be used as it was: what happened and where the old text is. */
  problem: SettingsProblem | null
}

export type ThemeChoice = 'system' | 'light' | 'dark'

export type LanguageChoice = 'system' | 'en' | 'zh-CN'

export type SidebarChoice = 'auto' | 'expanded' | 'collapsed'

export interface SavedEngine {
  name: string
  /** As engines.use takes it: unix://, npipe://, tcp://, ssh://. */
  host: string
  /** A tcp:// engine's own TLS files; null uses DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker CLI does. */
  tls: EngineTls | null
}

/**
 * TLS for one tcp:// engine, as files on the machine Strata's core runs on (the
 * docker CLI's --tlscacert, --tlscert, --tlskey). `verify: false` still speaks TLS
 * and sends the client certificate, but accepts any server certificate
 * (DOCKER_TLS without DOCKER_TLS_VERIFY); it is a per-engine choice of the user.
 */
export interface EngineTls {
  ca: string | null
  cert: string | null
  key: string | null
  verify: boolean
}

export interface SettingsProblem {
  /** corrupt: not a JSON object (defaults shown, set aside at the next change); unreadable: cannot be read at all (changes refused); kept-aside: an earlier broken file was moved to keptAs. */
  kind: 'corrupt' | 'unreadable' | 'kept-aside'
  file: string
  /** Where the broken text is (or will be, at the next change) kept. */
  keptAs: string | null
  message: string
}

export interface CachePartUsage {
  bytes: number
  files: number
}

export interface CacheUsage {
  /** The cache folder; null when this core keeps its cache in memory only. */
  dir: string | null
  bytes: number
  files: number
  parts: { images: CachePartUsage; layers: CachePartUsage }
  capBytes: number | null
}

export interface CacheClearResult {
  dir: string | null
  freedBytes: number
  removedFiles: number
  usage: CacheUsage
}
