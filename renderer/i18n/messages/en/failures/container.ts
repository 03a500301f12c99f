/** The core's container failures (shared/failures/container.ts), in English: the same words, keyed without the 'container.' prefix. */
export const containerFailures = {}
