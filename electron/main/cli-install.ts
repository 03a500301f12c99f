import { posix, win32 } from 'node:path'

/**
 * "Install Command Line Tool…": the decisions, as pure functions (what to link or add,
 * how to quote it, whether it is there already); cli-install-run.ts carries them out.
 * Linux packages link /usr/bin/strata at install time and need no menu item.
 */

/** Where macOS gets the command: /usr/local/bin is on every login shell's PATH and is where VS Code's `code` goes. */
export const MAC_LINK = '/usr/local/bin/strata'

/** The wrapper electron-builder copies from build/cli into resources/bin (extraResources). */
export function cliWrapperPath(platform: NodeJS.Platform, resourcesPath: string): string | null {
  if (platform === 'darwin') return posix.join(resourcesPath, 'bin', 'strata')
  if (platform === 'win32') return win32.join(resourcesPath, 'bin', 'strata.cmd')
  return null
}

/**
 * The wrapper the menu item installs, or null when there is no item: Linux has its
 * packages' link, and a development run has no resources/bin (its `strata` is bin/strata.js).
 */
export function installableCli(platform: NodeJS.Platform, packaged: boolean, resourcesPath: string | undefined, exists: (path: string) => boolean): string | null {
  if (!packaged || resourcesPath === undefined || resourcesPath === '') return null
  const wrapper = cliWrapperPath(platform, resourcesPath)
  return wrapper !== null && exists(wrapper) ? wrapper : null
}

// ---- macOS ----

/** What lies at /usr/local/bin/strata now: lstat and readlink, reduced to what the plan needs. */
export type ExistingLink = { kind: 'missing' } | { kind: 'link'; target: string } | { kind: 'file' }

export type MacInstallPlan =
  | { kind: 'already'; message: string }
  /** Something else is there: replace it only once the user says so. */
  | { kind: 'ask-replace'; current: string }
  | { kind: 'link'; privileged: boolean; shell: string }

/** A link target as the system follows it: relative targets start from the link's folder. */
function linkTarget(target: string, link: string): string {
  return posix.resolve(posix.dirname(link), target)
}

export function macInstallPlan(existing: ExistingLink, wrapper: string, options: { folderWritable: boolean; replace: boolean }): MacInstallPlan {
  if (existing.kind === 'link' && linkTarget(existing.target, MAC_LINK) === wrapper) {
    return { kind: 'already', message: `${MAC_LINK} already runs this Strata's command line.` }
  }
  if (existing.kind !== 'missing' && !options.replace) {
    return { kind: 'ask-replace', current: existing.kind === 'link' ? `a link to ${existing.target}` : 'a file that is not a link' }
  }
  return { kind: 'link', privileged: !options.folderWritable, shell: macLinkShell(wrapper) }
}

export type MacUninstallPlan = { kind: 'absent'; message: string } | { kind: 'not-ours'; message: string } | { kind: 'unlink'; privileged: boolean; shell: string }

/** Removes the link only when it is this app's: another Strata's (or anything else) is left alone. */
export function macUninstallPlan(existing: ExistingLink, wrapper: string, folderWritable: boolean): MacUninstallPlan {
  if (existing.kind === 'missing') return { kind: 'absent', message: `There is no ${MAC_LINK} to remove.` }
  if (existing.kind !== 'link' || linkTarget(existing.target, MAC_LINK) !== wrapper) {
    return { kind: 'not-ours', message: `${MAC_LINK} is not this Strata's (${existing.kind === 'link' ? `it links to ${existing.target}` : 'it is not a link'}), so it was left in place.` }
  }
  return { kind: 'unlink', privileged: !folderWritable, shell: `/bin/rm -f ${shellQuote(MAC_LINK)}` }
}

/** One POSIX shell word whatever it holds: inside single quotes only ' itself needs care ('\''). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/**
 * -n replaces an existing link to a folder instead of creating the new link inside it; -f
 * replaces a link or file the user agreed to replace. mkdir -p: a fresh Apple silicon Mac has no /usr/local/bin.
 */
export function macLinkShell(wrapper: string): string {
  return `/bin/mkdir -p ${shellQuote(posix.dirname(MAC_LINK))} && /bin/ln -sfn ${shellQuote(wrapper)} ${shellQuote(MAC_LINK)}`
}

/** An AppleScript string literal: backslash and double quote are its only escapes. */
export function appleScriptString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}

/**
 * osascript's arguments to run a shell command as root after macOS's own password prompt.
 * Control characters are refused: AppleScript would keep a newline literally and the shell
 * would then run two commands; no real app path holds one.
 */
export function privilegedOsascriptArgs(shell: string, prompt: string): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(shell + prompt)) throw new Error('A path with a control character cannot be passed to the administrator prompt.')
  return ['-e', `do shell script ${appleScriptString(shell)} with prompt ${appleScriptString(prompt)} with administrator privileges`]
}

/** "User canceled." is AppleScript error -128, which osascript reports on stderr. */
export function osascriptCancelled(stderr: string): boolean {
  return /\(-128\)/.test(stderr)
}

// ---- Windows ----

/** Expands %NAME% as Windows does (names ignore case; unknown names stay as written). */
function expandWindows(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const byUpper = new Map(Object.entries(env).map(([name, value]) => [name.toUpperCase(), value]))
  return text.replace(/%([^%]+)%/g, (whole, name: string) => byUpper.get(name.toUpperCase()) ?? whole)
}

/** A PATH entry as Windows compares folders: quotes, case, slashes and a trailing backslash do not matter. */
function comparable(entry: string, env: Readonly<Record<string, string | undefined>>): string {
  const unquoted = entry.trim().replace(/^"(.*)"$/, '$1')
  return expandWindows(unquoted, env).replaceAll('/', '\\').replace(/\\+$/, '').toLowerCase()
}

function splitPath(userPath: string): string[] {
  return userPath.split(';').filter((entry) => entry.trim() !== '')
}

/**
 * The user's Path with the wrapper's folder added at the end, or null when an entry names
 * it already. The raw (unexpanded) value is kept, so %USERPROFILE%-style entries stay as they were.
 */
export function userPathWithBin(userPath: string, binDir: string, env: Readonly<Record<string, string | undefined>>): string | null {
  const entries = splitPath(userPath)
  const wanted = comparable(binDir, env)
  if (entries.some((entry) => comparable(entry, env) === wanted)) return null
  return [...entries, binDir].join(';')
}

/** The user's Path without the wrapper's folder, or null when it is not there. */
export function userPathWithoutBin(userPath: string, binDir: string, env: Readonly<Record<string, string | undefined>>): string | null {
  const entries = splitPath(userPath)
  const wanted = comparable(binDir, env)
  const kept = entries.filter((entry) => comparable(entry, env) !== wanted)
  return kept.length === entries.length ? null : kept.join(';')
}

/**
 * A PowerShell single-quoted string. PowerShell also ends such a string at the typographic
 * quotes ‘ ’ ‚ ‛, so each of those is doubled like '.
 */
export function powerShellString(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`
}

// The values cross as base64 of UTF-8: a console's code page would mangle a non-ASCII folder name on stdout.
const ENVIRONMENT_KEY = "[Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment')"

/** Prints the user's own Path (not the merged one a process sees), unexpanded, as base64. */
export const READ_USER_PATH_SCRIPT = [
  `$key = ${ENVIRONMENT_KEY}`,
  "$value = if ($key -eq $null) { '' } else { [string]$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames) }",
  '[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($value))',
].join('\n')

/**
 * Writes the user's Path. Through the registry as REG_EXPAND_SZ, because
 * [Environment]::SetEnvironmentVariable('Path', …, 'User') always writes REG_SZ, after which
 * %USERPROFILE%-style entries stop expanding (dotnet/runtime#89695); then setting and clearing
 * a variable of our own with it sends the WM_SETTINGCHANGE broadcast, so new terminals see the change.
 */
export function writeUserPathScript(userPath: string): string {
  const encoded = Buffer.from(userPath, 'utf8').toString('base64')
  return [
    "$key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment')",
    `$key.SetValue('Path', [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(${powerShellString(encoded)})), [Microsoft.Win32.RegistryValueKind]::ExpandString)`,
    '$key.Close()',
    "[Environment]::SetEnvironmentVariable('STRATA_PATH_CHANGED', '1', 'User')",
    "[Environment]::SetEnvironmentVariable('STRATA_PATH_CHANGED', $null, 'User')",
  ].join('\n')
}

/** powershell.exe's arguments for a script: -EncodedCommand (UTF-16LE base64) leaves nothing for the command line to quote. */
export function powerShellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')]
}
