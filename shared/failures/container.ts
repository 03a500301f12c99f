/**
 * English wording of the core's container failures, keyed 'container.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/container.ts must say exactly this in English).
 */
export const CONTAINER_FAILURES = {} as const
