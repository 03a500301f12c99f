/**
 * English wording of the core's transfer failures, keyed 'transfer.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/transfer.ts must say exactly this in English).
 */
export const TRANSFER_FAILURES = {} as const
