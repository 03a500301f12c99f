/** What node:util parseArgs gives for one option. */
export type OptionValue = string | boolean | string[] | undefined

/** Options every command takes. */
export const EVERY_COMMAND_OPTIONS = ['host', 'engine', 'json', 'help']

/** Whether the user gave the option (an empty list or false is not giving it). */
export function isSet(value: OptionValue): boolean {
  return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)
}
