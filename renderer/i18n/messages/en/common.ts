/** The app's frame (navigation, engine status, errors) and words every view shares. */
export const common = {
  app: {
    skipToContent: 'Skip to content',
  },
  nav: {
    sections: 'Sections',
    images: 'Images',
    containers: 'Containers',
    registries: 'Registries',
    cleanup: 'Cleanup',
    family: 'Family',
    engine: 'Engine',
    settings: 'Settings',
  },
  engineStatus: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    reconnectingIn: 'Reconnecting (retry in {seconds}s)',
    unreachable: 'Unreachable',
    hostDown: 'Strata server not answering',
    hostRestarted: 'Strata server restarted',
    unknown: 'Unknown',
  },
  live: {
    engineDown: 'The engine does not answer: what you see may be out of date.',
    hostDown: 'The Strata server does not answer: what you see may be out of date.',
    hostRestarted: 'The Strata server was started again with a new token: open the address `strata serve` printed to carry on.',
    lastUpdated: 'Last updated {age}.',
    resyncs: 'Everything is read again as soon as it is back.',
    chooseEngine: 'Choose another engine',
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
  units: {
    files: '{count} file | {count} files',
  },
  /** Words many views share; a view's own wording lives in its domain's file. */
  actions: {
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Retry',
    refresh: 'Refresh',
    copy: 'Copy',
    copied: 'Copied',
    delete: 'Delete',
    remove: 'Remove',
    open: 'Open',
    back: 'Back',
    save: 'Save',
  },
  time: {
    justNow: 'just now',
  },
}
