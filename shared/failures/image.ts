/**
 * English wording of the core's image failures, keyed 'image.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/image.ts must say exactly this in English).
 */
export const IMAGE_FAILURES = {} as const
