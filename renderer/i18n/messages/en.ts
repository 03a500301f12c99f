/**
 * English, the reference locale: every key here must exist in every other locale
 * (the type of zh-CN is this object's shape). Plurals use vue-i18n's `one | many`
 * form; Chinese has one form.
 */
export const en = {
  app: {
    skipToContent: 'Skip to content',
  },
  nav: {
    sections: 'Sections',
    images: 'Images',
    containers: 'Containers',
    registries: 'Registries',
    cleanup: 'Cleanup',
    engine: 'Engine',
    settings: 'Settings',
  },
  engineStatus: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    reconnectingIn: 'Reconnecting (retry in {seconds}s)',
    unreachable: 'Unreachable',
    unknown: 'Unknown',
  },
  errors: {
    dismiss: 'Dismiss',
    /** One title per error code the core can raise; the core's message follows as detail. */
    code: {
      ENGINE_UNREACHABLE: 'The engine does not answer',
      PERMISSION_DENIED: 'Permission denied',
      API_TOO_OLD: "The engine's API is too old",
      NOT_FOUND: 'Not found',
      CONFLICT: 'Conflict',
      INVALID_INPUT: 'Invalid input',
      UNAUTHORIZED: 'Not authorised',
      CANCELLED: 'Cancelled',
      ENGINE_ERROR: 'The engine refused',
      INTERNAL: 'Internal error',
      REGISTRY_UNREACHABLE: 'The registry does not answer',
      REGISTRY_ERROR: 'The registry refused',
      HOST_KEY_UNKNOWN: "The ssh host's key is not known",
      HOST_KEY_CHANGED: "The ssh host's key has changed",
    },
  },
  images: {
    title: 'Images',
    summaryHint: 'Unique size is what only that image holds on disk; layers shared between images are counted in none of them',
    count: '{n} image | {n} images',
    shownOf: '{shown} of {all}',
    working: '{images} · working out shared and unique sizes…',
    unique: '{images} · {bytes} unique',
    emptyEngine: 'No images on this engine yet. Pull or build one and it appears here.',
    noMatch: 'No image matches the search and filter.',
    loading: 'Loading images…',
    unreachable: 'The engine is not reachable; the images appear as soon as it answers.',
    show: 'Show images',
    filter: {
      all: 'All',
      dangling: 'Dangling',
      'in-use': 'In use',
      unused: 'Unused',
    },
    search: 'Filter images',
    searchPlaceholder: 'Tag, ID prefix or label key=value',
    loadFromFile: 'Load from file…',
  },
  settings: {
    language: 'Language',
    languageHint: 'Follows the system unless you choose one.',
    languageSystem: 'System ({language})',
  },
  units: {
    files: '{count} file | {count} files',
  },
}

export type MessageSchema = typeof en
