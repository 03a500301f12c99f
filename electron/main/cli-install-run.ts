import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { access, constants, lstat, readlink } from 'node:fs/promises'
import { posix, win32 } from 'node:path'
import {
  MAC_LINK,
  READ_USER_PATH_SCRIPT,
  installableCli,
  macInstallPlan,
  macUninstallPlan,
  osascriptCancelled,
  powerShellArgs,
  privilegedOsascriptArgs,
  userPathWithBin,
  userPathWithoutBin,
  writeUserPathScript,
  type ExistingLink,
} from './cli-install'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** The side effects, passed in so the flows are tested with fakes. */
export interface CliInstallSystem {
  platform: NodeJS.Platform
  /** resources/bin/strata (macOS) or resources\bin\strata.cmd (Windows). */
  wrapper: string
  env: Readonly<Record<string, string | undefined>>
  existingLink(path: string): Promise<ExistingLink>
  folderWritable(path: string): Promise<boolean>
  run(file: string, args: string[]): Promise<RunResult>
  /** Asks a yes/no question; true for yes. */
  confirm(message: string, detail: string, yes: string): Promise<boolean>
}

export type CliInstallOutcome = { kind: 'done' | 'unchanged' | 'cancelled'; message: string; detail?: string } | { kind: 'failed'; message: string; detail: string }

const PROMPT = 'Strata wants to change the strata command in /usr/local/bin.'
// The wrapper runs the bundled CLI on the user's Node: the app's own runtime has runAsNode off (build/cli/strata).
const NEEDS_NODE = 'The command runs on Node.js 20.19 or newer, which the app does not include.'

function failure(message: string, result: RunResult): CliInstallOutcome {
  return { kind: 'failed', message, detail: result.stderr.trim() || result.stdout.trim() || `exit code ${String(result.code)}` }
}

async function runShell(system: CliInstallSystem, shell: string, privileged: boolean): Promise<RunResult> {
  return privileged ? system.run('/usr/bin/osascript', privilegedOsascriptArgs(shell, PROMPT)) : system.run('/bin/sh', ['-c', shell])
}

async function macInstall(system: CliInstallSystem): Promise<CliInstallOutcome> {
  const existing = await system.existingLink(MAC_LINK)
  const writable = await system.folderWritable(posix.dirname(MAC_LINK))
  let plan = macInstallPlan(existing, system.wrapper, { folderWritable: writable, replace: false })
  if (plan.kind === 'ask-replace') {
    const replace = await system.confirm(`Replace ${MAC_LINK}?`, `It is ${plan.current}, not this Strata's command line.`, 'Replace')
    if (!replace) return { kind: 'cancelled', message: `${MAC_LINK} was left as it was.` }
    plan = macInstallPlan(existing, system.wrapper, { folderWritable: writable, replace: true })
  }
  if (plan.kind === 'already') return { kind: 'unchanged', message: plan.message, detail: NEEDS_NODE }
  if (plan.kind !== 'link') return { kind: 'failed', message: 'The command line tool was not installed.', detail: 'Nothing to do.' }
  const result = await runShell(system, plan.shell, plan.privileged)
  if (result.code === 0) return { kind: 'done', message: `Installed: ${MAC_LINK} now runs Strata's command line.`, detail: `Open a new terminal and run strata --help. ${NEEDS_NODE}` }
  if (osascriptCancelled(result.stderr)) return { kind: 'cancelled', message: 'The command line tool was not installed: the administrator prompt was cancelled.' }
  return failure(`Could not link ${MAC_LINK}.`, result)
}

async function macUninstall(system: CliInstallSystem): Promise<CliInstallOutcome> {
  const plan = macUninstallPlan(await system.existingLink(MAC_LINK), system.wrapper, await system.folderWritable(posix.dirname(MAC_LINK)))
  if (plan.kind !== 'unlink') return { kind: 'unchanged', message: plan.message }
  const result = await runShell(system, plan.shell, plan.privileged)
  if (result.code === 0) return { kind: 'done', message: `Removed ${MAC_LINK}.` }
  if (osascriptCancelled(result.stderr)) return { kind: 'cancelled', message: `${MAC_LINK} was left in place: the administrator prompt was cancelled.` }
  return failure(`Could not remove ${MAC_LINK}.`, result)
}

async function readUserPath(system: CliInstallSystem): Promise<string | RunResult> {
  const result = await system.run('powershell.exe', powerShellArgs(READ_USER_PATH_SCRIPT))
  if (result.code !== 0) return result
  return Buffer.from(result.stdout.trim(), 'base64').toString('utf8')
}

async function windowsChange(system: CliInstallSystem, install: boolean): Promise<CliInstallOutcome> {
  const binDir = win32.dirname(system.wrapper)
  const current = await readUserPath(system)
  if (typeof current !== 'string') return failure('Could not read your PATH.', current)
  const next = install ? userPathWithBin(current, binDir, system.env) : userPathWithoutBin(current, binDir, system.env)
  if (next === null) {
    return { kind: 'unchanged', message: install ? `Your PATH already holds ${binDir}.` : `Your PATH does not hold ${binDir}.`, ...(install ? { detail: NEEDS_NODE } : {}) }
  }
  const result = await system.run('powershell.exe', powerShellArgs(writeUserPathScript(next)))
  if (result.code !== 0) return failure('Could not change your PATH.', result)
  return install
    ? { kind: 'done', message: `Added ${binDir} to your PATH.`, detail: `New terminals will find strata; the ones open now keep their old PATH. ${NEEDS_NODE}` }
    : { kind: 'done', message: `Removed ${binDir} from your PATH.`, detail: 'New terminals will no longer find strata.' }
}

export function installCli(system: CliInstallSystem): Promise<CliInstallOutcome> {
  return system.platform === 'win32' ? windowsChange(system, true) : macInstall(system)
}

export function uninstallCli(system: CliInstallSystem): Promise<CliInstallOutcome> {
  return system.platform === 'win32' ? windowsChange(system, false) : macUninstall(system)
}

/** The message box that reports how it went. */
export function outcomeMessage(outcome: CliInstallOutcome, title: string): MessageBoxOptions {
  const type = outcome.kind === 'failed' ? 'error' : outcome.kind === 'cancelled' ? 'warning' : 'info'
  return { type, title, message: outcome.message, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }), buttons: ['OK'] }
}

/** What the menu items do. */
export interface CliToolActions {
  install: () => void
  uninstall: () => void
}

function runFile(file: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { windowsHide: true, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
      resolve({ code, stdout, stderr: error !== null && stderr === '' ? error.message : stderr })
    })
  })
}

async function existingLink(path: string): Promise<ExistingLink> {
  const stats = await lstat(path).catch(() => null)
  if (stats === null) return { kind: 'missing' }
  return stats.isSymbolicLink() ? { kind: 'link', target: await readlink(path) } : { kind: 'file' }
}

/**
 * The menu's actions on this machine, or undefined where the item is not shown (Linux,
 * development). A failure of the flow itself still ends in a dialog, never an unhandled rejection.
 */
export function cliToolActions(showMessageBox: (options: MessageBoxOptions) => Promise<MessageBoxReturnValue>, packaged: boolean): CliToolActions | undefined {
  const wrapper = installableCli(process.platform, packaged, process.resourcesPath, existsSync)
  if (wrapper === null) return undefined
  const system: CliInstallSystem = {
    platform: process.platform,
    wrapper,
    env: process.env,
    existingLink,
    folderWritable: (path) =>
      access(path, constants.W_OK).then(
        () => true,
        () => false,
      ),
    run: runFile,
    confirm: async (message, detail, yes) => (await showMessageBox({ type: 'question', message, detail, buttons: [yes, 'Cancel'], defaultId: 1, cancelId: 1 })).response === 0,
  }
  const report = (title: string, flow: Promise<CliInstallOutcome>): void => {
    void flow
      .catch((error: unknown): CliInstallOutcome => ({ kind: 'failed', message: `${title} failed.`, detail: error instanceof Error ? error.message : String(error) }))
      .then((outcome) => showMessageBox(outcomeMessage(outcome, title)))
  }
  return {
    install: () => {
      report('Install Command Line Tool', installCli(system))
    },
    uninstall: () => {
      report('Uninstall Command Line Tool', uninstallCli(system))
    },
  }
}
