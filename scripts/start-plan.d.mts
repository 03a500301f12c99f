// Types of start-plan.mjs for the TypeScript tests that import it.
export interface StartInputs {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  procVersion: string | null
}
export type StartPlan = { ui: 'electron' } | { ui: 'browser'; reason: string; openBrowser: boolean }
export function displayProblem(inputs: StartInputs): string | null
export function startPlan(inputs: StartInputs & { electronBinaryExists: boolean }): StartPlan
export function browserOpener(platform: NodeJS.Platform, url: string): { command: string; args: string[] }
export function servedAddress(line: string): string | null
export const BUILD_OUTPUTS: string[]
export function needsBuild(inputs: { present: (file: string) => boolean }): boolean
