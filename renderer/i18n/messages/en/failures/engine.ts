/** The core's engine failures (shared/failures/engine.ts), in English: the same words, keyed without the 'engine.' prefix. */
export const engineFailures = {}
