/** The core's transfer failures (shared/failures/transfer.ts), in English: the same words, keyed without the 'transfer.' prefix. */
export const transferFailures = {}
