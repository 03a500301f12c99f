/** The core's registry failures (shared/failures/registry.ts), in English: the same words, keyed without the 'registry.' prefix. */
export const registryFailures = {}
