/**
 * English wording of the core's engine failures, keyed 'engine.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/engine.ts must say exactly this in English).
 */
export const ENGINE_FAILURES = {} as const
