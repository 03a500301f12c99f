import type { MenuItemConstructorOptions } from 'electron'
import { execFileSync } from 'node:child_process'
import { lstatSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  MAC_LINK,
  READ_USER_PATH_SCRIPT,
  appleScriptString,
  cliWrapperPath,
  installableCli,
  macInstallPlan,
  macLinkShell,
  macUninstallPlan,
  osascriptCancelled,
  powerShellArgs,
  powerShellString,
  privilegedOsascriptArgs,
  shellQuote,
  userPathWithBin,
  userPathWithoutBin,
  writeUserPathScript,
} from '../../electron/main/cli-install'
import { installCli, outcomeMessage, uninstallCli, type CliInstallSystem, type RunResult } from '../../electron/main/cli-install-run'
import { menuTemplate } from '../../electron/main/menu'

const MAC_APP = '/Applications/Strata "Beta" it\'s.app/Contents/Resources'
const MAC_WRAPPER = `${MAC_APP}/bin/strata`
const WIN_WRAPPER = 'C:\\Users\\Ann O\'Neil\\AppData\\Local\\Programs\\Strata\\resources\\bin\\strata.cmd'
const WIN_BIN = 'C:\\Users\\Ann O\'Neil\\AppData\\Local\\Programs\\Strata\\resources\\bin'

describe('which wrapper the menu item installs', () => {
  it('the packaged wrapper on macOS and Windows, nothing on Linux or in development', () => {
    const exists = (): boolean => true
    expect(cliWrapperPath('darwin', MAC_APP)).toBe(MAC_WRAPPER)
    expect(cliWrapperPath('win32', 'C:\\Program Files\\Strata\\resources')).toBe('C:\\Program Files\\Strata\\resources\\bin\\strata.cmd')
    expect(installableCli('darwin', true, MAC_APP, exists)).toBe(MAC_WRAPPER)
    expect(installableCli('linux', true, '/opt/Strata/resources', exists)).toBeNull()
    expect(installableCli('darwin', false, MAC_APP, exists)).toBeNull()
    expect(installableCli('win32', true, undefined, exists)).toBeNull()
    // Packaged without resources/bin (an old build): no item that could only fail.
    expect(installableCli('darwin', true, MAC_APP, () => false)).toBeNull()
  })
})

describe('macOS link decisions', () => {
  const writable = { folderWritable: true, replace: false }
  it('links when nothing is there, through the administrator prompt when /usr/local/bin is not writable', () => {
    expect(macInstallPlan({ kind: 'missing' }, MAC_WRAPPER, writable)).toEqual({ kind: 'link', privileged: false, shell: macLinkShell(MAC_WRAPPER) })
    expect(macInstallPlan({ kind: 'missing' }, MAC_WRAPPER, { folderWritable: false, replace: false })).toMatchObject({ kind: 'link', privileged: true })
  })

  it('knows its own link, relative or absolute', () => {
    expect(macInstallPlan({ kind: 'link', target: MAC_WRAPPER }, MAC_WRAPPER, writable)).toMatchObject({ kind: 'already' })
    expect(macInstallPlan({ kind: 'link', target: `../../..${MAC_WRAPPER}` }, MAC_WRAPPER, writable)).toMatchObject({ kind: 'already' })
  })

  it('asks before replacing a link elsewhere or a file, and replaces once told to', () => {
    expect(macInstallPlan({ kind: 'link', target: '/Applications/Old Strata.app/Contents/Resources/bin/strata' }, MAC_WRAPPER, writable)).toEqual({
      kind: 'ask-replace',
      current: 'a link to /Applications/Old Strata.app/Contents/Resources/bin/strata',
    })
    expect(macInstallPlan({ kind: 'file' }, MAC_WRAPPER, writable)).toMatchObject({ kind: 'ask-replace', current: 'a file that is not a link' })
    expect(macInstallPlan({ kind: 'file' }, MAC_WRAPPER, { folderWritable: false, replace: true })).toMatchObject({ kind: 'link', privileged: true })
  })

  it('removes only its own link', () => {
    expect(macUninstallPlan({ kind: 'missing' }, MAC_WRAPPER, true)).toMatchObject({ kind: 'absent' })
    expect(macUninstallPlan({ kind: 'link', target: '/opt/other/strata' }, MAC_WRAPPER, true)).toMatchObject({ kind: 'not-ours' })
    expect(macUninstallPlan({ kind: 'file' }, MAC_WRAPPER, true)).toMatchObject({ kind: 'not-ours' })
    expect(macUninstallPlan({ kind: 'link', target: MAC_WRAPPER }, MAC_WRAPPER, false)).toEqual({ kind: 'unlink', privileged: true, shell: "/bin/rm -f '/usr/local/bin/strata'" })
  })
})

describe('quoting for the shell, AppleScript and PowerShell', () => {
  it('a quoted shell word survives spaces, quotes, $ and backquotes (checked by a real sh)', () => {
    for (const text of [MAC_WRAPPER, "it's", 'a "b" $HOME `id` \\ ; rm -rf ~', '', "''"]) {
      expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text)
    }
  })

  it('the link command links exactly the wrapper, with spaces and quotes in its path (run in a temp folder)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata cli "q" it\'s '))
    try {
      const wrapper = join(folder, 'Strata "Beta" it\'s.app', 'strata')
      const link = join(folder, 'bin', 'strata')
      writeFileSync(join(folder, 'placeholder'), '')
      const shell = macLinkShell(wrapper).replaceAll(shellQuote('/usr/local/bin'), shellQuote(join(folder, 'bin'))).replaceAll(shellQuote(MAC_LINK), shellQuote(link))
      execFileSync('/bin/sh', ['-c', shell])
      expect(lstatSync(link).isSymbolicLink()).toBe(true)
      expect(readlinkSync(link)).toBe(wrapper)
      // Run again over the existing link: -f and -n replace it rather than nest a link inside.
      execFileSync('/bin/sh', ['-c', shell])
      expect(readlinkSync(link)).toBe(wrapper)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('AppleScript strings escape only backslash and double quote; the osascript line is one argument', () => {
    expect(appleScriptString('a "b" \\ c\'s')).toBe('"a \\"b\\" \\\\ c\'s"')
    const args = privilegedOsascriptArgs(macLinkShell(MAC_WRAPPER), 'Strata wants to change /usr/local/bin.')
    expect(args[0]).toBe('-e')
    expect(args).toHaveLength(2)
    expect(args[1]).toBe(
      `do shell script ${appleScriptString(`/bin/mkdir -p '/usr/local/bin' && /bin/ln -sfn '/Applications/Strata "Beta" it'\\''s.app/Contents/Resources/bin/strata' '/usr/local/bin/strata'`)} with prompt "Strata wants to change /usr/local/bin." with administrator privileges`,
    )
    expect(() => privilegedOsascriptArgs("/bin/ln -s '/a\nb'", 'x')).toThrow(/control character/)
  })

  it('tells a cancelled administrator prompt from a failure', () => {
    expect(osascriptCancelled('0:123: execution error: User canceled. (-128)\n')).toBe(true)
    expect(osascriptCancelled('ln: /usr/local/bin/strata: Operation not permitted')).toBe(false)
  })

  it('PowerShell strings double every single quote, typographic ones included', () => {
    expect(powerShellString("Ann O'Neil")).toBe("'Ann O''Neil'")
    expect(powerShellString('a ‘b’ ‚c‛ "d" $e')).toBe("'a ‘‘b’’ ‚‚c‛‛ \"d\" $e'")
  })

  it('PowerShell gets the script as -EncodedCommand, and the new Path as base64 inside it', () => {
    const args = powerShellArgs(READ_USER_PATH_SCRIPT)
    expect(args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand'])
    expect(Buffer.from(args.at(-1) ?? '', 'base64').toString('utf16le')).toBe(READ_USER_PATH_SCRIPT)
    expect(READ_USER_PATH_SCRIPT).toContain('DoNotExpandEnvironmentNames')
    const script = writeUserPathScript(`%USERPROFILE%\\bin;${WIN_BIN}`)
    const encoded = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(script)?.[1] ?? ''
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe(`%USERPROFILE%\\bin;${WIN_BIN}`)
    expect(script).toContain('[Microsoft.Win32.RegistryValueKind]::ExpandString')
    expect(script).toContain("[Environment]::SetEnvironmentVariable('STRATA_PATH_CHANGED', $null, 'User')")
  })
})

describe('Windows PATH decisions', () => {
  const env = { USERPROFILE: "C:\\Users\\Ann O'Neil", LocalAppData: "C:\\Users\\Ann O'Neil\\AppData\\Local" }
  it('adds the folder at the end, keeping unexpanded entries as they are', () => {
    expect(userPathWithBin('%USERPROFILE%\\.cargo\\bin;C:\\tools;', WIN_BIN, env)).toBe(`%USERPROFILE%\\.cargo\\bin;C:\\tools;${WIN_BIN}`)
    expect(userPathWithBin('', WIN_BIN, env)).toBe(WIN_BIN)
  })

  it('finds the folder already there whatever its spelling', () => {
    for (const entry of [WIN_BIN, `${WIN_BIN}\\`, WIN_BIN.toUpperCase(), `"${WIN_BIN}"`, WIN_BIN.replaceAll('\\', '/'), '%localappdata%\\Programs\\Strata\\resources\\bin']) {
      expect(userPathWithBin(`C:\\tools;${entry}`, WIN_BIN, env), entry).toBeNull()
    }
  })

  it('removes every spelling of the folder and nothing else, or says it was not there', () => {
    expect(userPathWithoutBin(`C:\\tools;${WIN_BIN}\\;%LOCALAPPDATA%\\Programs\\Strata\\resources\\bin;D:\\x`, WIN_BIN, env)).toBe('C:\\tools;D:\\x')
    expect(userPathWithoutBin('C:\\tools', WIN_BIN, env)).toBeNull()
  })
})

function fakeSystem(platform: NodeJS.Platform, answers: { link?: CliInstallSystem['existingLink']; writable?: boolean; run?: RunResult[]; confirm?: boolean }) {
  const results = [...(answers.run ?? [])]
  const run = vi.fn<CliInstallSystem['run']>(() => Promise.resolve(results.shift() ?? { code: 0, stdout: '', stderr: '' }))
  const confirm = vi.fn<CliInstallSystem['confirm']>(() => Promise.resolve(answers.confirm ?? false))
  const system: CliInstallSystem = {
    platform,
    wrapper: platform === 'win32' ? WIN_WRAPPER : MAC_WRAPPER,
    env: {},
    existingLink: answers.link ?? (() => Promise.resolve({ kind: 'missing' })),
    folderWritable: () => Promise.resolve(answers.writable ?? false),
    run,
    confirm,
  }
  return { system, run, confirm }
}

describe('install and uninstall flows', () => {
  it('macOS: links through osascript, and reports a cancelled prompt as cancelled', async () => {
    const { system, run } = fakeSystem('darwin', { run: [{ code: 1, stdout: '', stderr: 'execution error: User canceled. (-128)' }] })
    expect(await installCli(system)).toMatchObject({ kind: 'cancelled' })
    expect(run.mock.calls[0]?.[0]).toBe('/usr/bin/osascript')
    const ok = fakeSystem('darwin', { writable: true })
    expect(await installCli(ok.system)).toMatchObject({ kind: 'done', message: `Installed: ${MAC_LINK} now runs Strata's command line.` })
    expect(ok.run).toHaveBeenCalledWith('/bin/sh', ['-c', macLinkShell(MAC_WRAPPER)])
  })

  it('macOS: leaves another link alone unless the user agrees, and reports a failure with its reason', async () => {
    const other = (): Promise<{ kind: 'link'; target: string }> => Promise.resolve({ kind: 'link', target: '/opt/homebrew/bin/strata' })
    const declined = fakeSystem('darwin', { link: other })
    expect(await installCli(declined.system)).toMatchObject({ kind: 'cancelled' })
    expect(declined.confirm).toHaveBeenCalledOnce()
    expect(declined.run).not.toHaveBeenCalled()
    const failed = fakeSystem('darwin', { link: other, confirm: true, run: [{ code: 1, stdout: '', stderr: 'ln: Operation not permitted\n' }] })
    expect(await installCli(failed.system)).toEqual({ kind: 'failed', message: `Could not link ${MAC_LINK}.`, detail: 'ln: Operation not permitted' })
    expect(await uninstallCli(fakeSystem('darwin', { link: other }).system)).toMatchObject({ kind: 'unchanged' })
  })

  it('Windows: reads the user Path, adds the folder once, and says new terminals will see it', async () => {
    const encoded = (text: string): RunResult => ({ code: 0, stdout: `${Buffer.from(text, 'utf8').toString('base64')}\r\n`, stderr: '' })
    const { system, run } = fakeSystem('win32', { run: [encoded('C:\\tools'), { code: 0, stdout: '', stderr: '' }] })
    const outcome = await installCli(system)
    expect(outcome).toMatchObject({ kind: 'done', message: `Added ${WIN_BIN} to your PATH.` })
    expect(outcome.detail).toContain('New terminals will find strata')
    const written = Buffer.from(run.mock.calls[1]?.[1].at(-1) ?? '', 'base64').toString('utf16le')
    expect(written).toBe(writeUserPathScript(`C:\\tools;${WIN_BIN}`))
    const again = fakeSystem('win32', { run: [encoded(`C:\\tools;${WIN_BIN}`)] })
    expect(await installCli(again.system)).toMatchObject({ kind: 'unchanged' })
    expect(again.run).toHaveBeenCalledOnce()
    const broken = fakeSystem('win32', { run: [{ code: 1, stdout: '', stderr: 'Access denied' }] })
    expect(await uninstallCli(broken.system)).toEqual({ kind: 'failed', message: 'Could not read your PATH.', detail: 'Access denied' })
  })

  it('reports each outcome in a message box of the fitting kind', () => {
    expect(outcomeMessage({ kind: 'done', message: 'Installed.' }, 'Install Command Line Tool')).toEqual({ type: 'info', title: 'Install Command Line Tool', message: 'Installed.', buttons: ['OK'] })
    expect(outcomeMessage({ kind: 'cancelled', message: 'No.' }, 't').type).toBe('warning')
    expect(outcomeMessage({ kind: 'failed', message: 'Could not.', detail: 'why' }, 't')).toMatchObject({ type: 'error', detail: 'why' })
  })
})

describe('the menu item', () => {
  const actions = { install: vi.fn(), uninstall: vi.fn() }
  const labels = (template: MenuItemConstructorOptions[]): string[] =>
    template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.label ?? '') : []))

  it('is in the app menu on macOS and the File menu on Windows, packaged', () => {
    const mac = menuTemplate('darwin', 'Strata', { packaged: true, cliTool: actions })
    const macApp = mac[0]?.submenu as MenuItemConstructorOptions[]
    expect(macApp.map((item) => item.label)).toContain('Install Command Line Tool…')
    const win = menuTemplate('win32', 'Strata', { packaged: true, cliTool: actions })
    const file = win.find((menu) => menu.label === 'File')?.submenu as MenuItemConstructorOptions[]
    expect(file.map((item) => item.label ?? item.role)).toEqual(['Install Command Line Tool…', 'Uninstall Command Line Tool…', undefined, 'quit'])
    file[0]?.click?.({} as never, undefined, {})
    expect(actions.install).toHaveBeenCalledOnce()
  })

  it('is absent on Linux, in development and without actions', () => {
    expect(labels(menuTemplate('linux', 'Strata', { packaged: true, cliTool: actions }))).not.toContain('Install Command Line Tool…')
    for (const platform of ['darwin', 'win32'] as const) {
      expect(labels(menuTemplate(platform, 'Strata', { packaged: false, cliTool: actions }))).not.toContain('Install Command Line Tool…')
      expect(labels(menuTemplate(platform, 'Strata', { packaged: true }))).not.toContain('Install Command Line Tool…')
    }
  })
})
