import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ciGate, ciPlan, ciReport, type CiPlan } from '../../electron/host/cli-analyze-ci'
import { evaluateRules, goParseFloat, parseBytes, thresholdOf, type RuleSetting } from '../../electron/host/dive-ci-rules'
import { CiConfigError, parseDiveCiYaml } from '../../electron/host/dive-ci-yaml'
import { UsageError } from '../../electron/host/cli-run'
import type { DiveFigures, ImageAnalysis } from '../../shared/types'

const work = mkdtempSync(join(tmpdir(), 'strata-dive-ci-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

function values(file: Record<string, string>): Map<string, string | null> {
  return new Map([...parseDiveCiYaml(Object.values(file)[0] ?? '', Object.keys(file)[0] ?? '').entries()].map(([key, rule]) => [key, rule.value]))
}

function refused(text: string): string {
  try {
    parseDiveCiYaml(text, '.dive-ci')
  } catch (error) {
    expect(error).toBeInstanceOf(CiConfigError)
    return (error as Error).message
  }
  throw new Error('the file was read')
}

describe('.dive-ci files', () => {
  it('reads the rules as dive does: text as written, comments cut, quotes removed', () => {
    const text = [
      '# dive CI rules',
      'rules:',
      '  # If the efficiency is measured below X%, mark as failed.',
      '  lowestEfficiency: 0.950 # a comment',
      "  highestWastedBytes: '20 MB'",
      '  highestUserWastedPercent: "0.20"',
      '  someFutureRule: 3',
      '',
    ].join('\n')
    expect(values({ '.dive-ci': text })).toEqual(new Map([
      ['lowestEfficiency', '0.950'],
      ['highestWastedBytes', '20 MB'],
      ['highestUserWastedPercent', '0.20'],
    ]))
    expect(parseDiveCiYaml(text, '.dive-ci').get('highestWastedBytes')?.line).toBe(5)
  })

  it("reads the example dive's README gives, comments between the rules, with CRLF line ends too", () => {
    const text = [
      'rules:',
      '  # If the efficiency is measured below X%, mark as failed.',
      '  # Expressed as a ratio between 0-1.',
      '  lowestEfficiency: 0.95',
      '',
      '  # If the amount of wasted space is at least X or larger than X, mark as failed.',
      '  # Expressed in B, KB, MB, and GB.',
      '  highestWastedBytes: 20MB',
      '',
      '    # an indented comment',
      '  highestUserWastedPercent: 0.20',
    ].join('\r\n')
    expect(values({ '.dive-ci': text })).toEqual(new Map([
      ['lowestEfficiency', '0.95'],
      ['highestWastedBytes', '20MB'],
      ['highestUserWastedPercent', '0.20'],
    ]))
  })

  it('an empty value keeps the default, a quoted empty one or "disabled" is a value', () => {
    const text = 'rules:\n  lowestEfficiency:\n  highestWastedBytes: disabled\n  highestUserWastedPercent: ""\n'
    expect(values({ f: text })).toEqual(new Map([
      ['lowestEfficiency', null],
      ['highestWastedBytes', 'disabled'],
      ['highestUserWastedPercent', ''],
    ]))
  })

  it('an empty file, or one without rules, sets nothing; other keys and their blocks are skipped', () => {
    expect(values({ f: '' })).toEqual(new Map())
    expect(values({ f: '# nothing\n---\nci: true\nkeybinding:\n  quit: ctrl+c\n  list: [a, b]\n' })).toEqual(new Map())
    expect(values({ f: 'rules:\n  other:\n    nested: {x: 1}\n  lowestEfficiency: 0.5\n' })).toEqual(new Map([['lowestEfficiency', '0.5']]))
  })

  it('refuses what yaml.v3 refuses, or this reader cannot read, naming the line', () => {
    expect(refused('rules:\n\tlowestEfficiency: 0.9\n')).toBe('.dive-ci:2: tabs cannot indent YAML; use spaces')
    expect(refused('- lowestEfficiency: 0.9\n')).toMatch(/^\.dive-ci:1: .*mapping/)
    expect(refused('rules: 0.9\n')).toMatch(/^\.dive-ci:1: rules: must be a mapping/)
    expect(refused('rules:\n  lowestEfficiency: 0.9\n  lowestEfficiency: 0.8\n')).toMatch(/^\.dive-ci:3: .*already defined/)
    expect(refused('rules:\n  lowestEfficiency: "0.9\n')).toMatch(/^\.dive-ci:2: a quoted value must end/)
    expect(refused('rules:\n  lowestEfficiency:\n    deeper: 1\n')).toMatch(/^\.dive-ci:2: lowestEfficiency must be a value/)
    expect(refused('rules:\n  lowestEfficiency: {a: 1}\n')).toMatch(/^\.dive-ci:2: flow collections/)
    expect(refused('rules:\n    lowestEfficiency: 0.9\n  highestWastedBytes: 1\n')).toMatch(/^\.dive-ci:3: .*indented unevenly/)
    expect(refused('rules:\n  lowestEfficiency: a: b\n')).toMatch(/^\.dive-ci:2: .*mapping value/)
    expect(refused('just text\n')).toMatch(/^\.dive-ci:1: "just text" is not a "key: value" line/)
  })
})

describe("dive's rule values", () => {
  it("reads ratios as Go's strconv.ParseFloat", () => {
    expect(['0.9', '.5', '5.', '1e-1', '+0.5', '1_0.5', 'inf', '-Infinity'].map(goParseFloat)).toEqual([0.9, 0.5, 5, 0.1, 0.5, 10.5, Infinity, -Infinity])
    expect(goParseFloat('NaN')).toBeNaN()
    expect(['', 'abc', '0.9 ', ' 0.9', '_1', '1_', '1__0', '1e400', '+nan', '0,9'].map(goParseFloat)).toEqual(Array(10).fill(null))
  })

  it("reads sizes as go-humanize's ParseBytes", () => {
    expect(['20MB', '20 MiB', '19Mb', '1,000', '1.5k', '4096', '2 gb ', '1.5 KiB'].map(parseBytes)).toEqual([20e6, 20 * 1024 ** 2, 19e6, 1000, 1500, 4096, 2e9, 1536])
    expect(['lots', ' 20MB', '20XB', '', '-5', '20 M B', '1.2.3MB', '99999999999EB'].map(parseBytes)).toEqual(Array(8).fill(null))
  })

  it('disables on "", disabled, off or false in any case, and refuses ratios outside 0..1', () => {
    expect(['', ' Disabled ', 'OFF', 'false'].map((value) => thresholdOf('lowestEfficiency', value))).toEqual(Array(4).fill('disabled'))
    expect(thresholdOf('lowestEfficiency', '1.5')).toEqual({ error: 'lowestEfficiency config value is outside allowed range (0-1), given 1.5' })
    expect(thresholdOf('highestUserWastedPercent', 'ten')).toMatchObject({ error: expect.stringMatching(/^invalid highestUserWastedPercent config value, given "ten"/) as unknown })
    expect(thresholdOf('highestWastedBytes', '20MB')).toBe(20e6)
    // NaN is neither below 0 nor above 1: dive takes it, and it never fails a rule.
    expect(thresholdOf('lowestEfficiency', 'nan')).toBeNaN()
  })
})

function analysisWith(dive: Partial<DiveFigures>, strata: Partial<ImageAnalysis> = {}): ImageAnalysis {
  return {
    image: { id: 'sha256:0123456789abcdef', repoTags: ['demo:1'] },
    layers: [],
    totalBytes: 1000,
    wastedBytes: 100,
    efficiency: 0.9,
    wasted: [],
    dive: { efficiency: 0.9, wastedBytes: 200, sizeBytes: 3000, userSizeBytes: 2000, wastedUserPercent: 0.1, inefficiencies: [], ...dive },
    ...strata,
  }
}

const set = (rules: Partial<Record<RuleSetting['rule'], string>>): RuleSetting[] => Object.entries(rules).map(([rule, value]) => ({ rule: rule as RuleSetting['rule'], value, source: 'flag' }))

describe('judging an analysis', () => {
  it('a threshold equal to the figure passes; one beyond it fails', () => {
    const analysis = analysisWith({})
    const status = (rules: Partial<Record<RuleSetting['rule'], string>>): string[] => evaluateRules(set(rules), analysis).map((result) => result.status)
    expect(status({ lowestEfficiency: '0.9', highestWastedBytes: '200', highestUserWastedPercent: '0.1' })).toEqual(['pass', 'pass', 'pass'])
    expect(status({ lowestEfficiency: '0.91', highestWastedBytes: '199', highestUserWastedPercent: '0.09' })).toEqual(['fail', 'fail', 'fail'])
    expect(status({ strataLowestEfficiency: '0.95', strataHighestWastedBytes: '100', strataHighestWastedPercent: '0.1' })).toEqual(['fail', 'pass', 'pass'])
  })

  it('no user bytes: nothing wasted passes (NaN), any waste fails (+Inf)', () => {
    const rule = set({ highestUserWastedPercent: '1' })
    expect(evaluateRules(rule, analysisWith({ wastedBytes: 0, userSizeBytes: 0, wastedUserPercent: null }))[0]?.status).toBe('pass')
    expect(evaluateRules(rule, analysisWith({ wastedBytes: 5, userSizeBytes: 0, wastedUserPercent: null }))[0]?.status).toBe('fail')
  })

  it('reports exit 0 on a pass and 1 on a fail, with every figure in the JSON', () => {
    const plan: CiPlan = { configFile: null, settings: set({ lowestEfficiency: '0.9', highestWastedBytes: 'disabled', highestUserWastedPercent: '0.05' }) }
    const text = ciReport(analysisWith({}), plan, false)
    expect(text.code).toBe(1)
    expect(text.text).toMatch(/efficiency: +90\.00 %/)
    expect(text.text).toMatch(/FAIL {2}highestUserWastedPercent \(too many bytes wasted, relative to the user bytes added \(%-user-wasted-bytes=0\.10 > threshold=0\.05\)\)/)
    expect(text.text).toMatch(/SKIP {2}highestWastedBytes/)
    expect(text.text).toContain('Result: FAIL [pass:1 fail:1 skip:1]')
    const json = ciReport(analysisWith({}), { ...plan, settings: set({ lowestEfficiency: '0.5' }) }, true)
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.text) as { dive: DiveFigures; wastedBytes: number; ci: { verdict: string; rules: { rule: string; status: string }[] } }
    expect(parsed.dive.wastedBytes).toBe(200)
    expect(parsed.wastedBytes).toBe(100)
    expect(parsed.ci.verdict).toBe('pass')
    expect(parsed.ci.rules).toEqual([expect.objectContaining({ rule: 'lowestEfficiency', status: 'pass' })])
  })
})

describe('a CI run', () => {
  const folder = (name: string, dotDiveCi?: string): string => {
    const path = join(work, name)
    mkdirSync(path)
    if (dotDiveCi !== undefined) writeFileSync(join(path, '.dive-ci'), dotDiveCi)
    return path
  }
  const base = { ci: false, json: false }

  it('is on with --ci or CI=true|1|yes, and off otherwise', () => {
    const cwd = folder('none')
    expect(ciPlan(base, {}, cwd)).toBeNull()
    expect(ciPlan(base, { CI: 'TRUE' }, cwd)).toBeNull()
    for (const on of ['true', '1', 'yes']) expect(ciPlan(base, { CI: on }, cwd)?.configFile).toBeNull()
    expect(ciPlan({ ...base, ci: true }, {}, cwd)?.settings.map((setting) => [setting.rule, setting.value, setting.source])).toEqual([
      ['lowestEfficiency', '0.9', 'default'],
      ['highestWastedBytes', 'disabled', 'default'],
      ['highestUserWastedPercent', '0.1', 'default'],
      ['strataLowestEfficiency', 'disabled', 'default'],
      ['strataHighestWastedBytes', 'disabled', 'default'],
      ['strataHighestWastedPercent', 'disabled', 'default'],
    ])
  })

  it('reads ./.dive-ci, or --ci-config FILE; a flag wins over the file', () => {
    const cwd = folder('with-file', 'rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n')
    writeFileSync(join(cwd, 'other.yaml'), 'rules:\n  lowestEfficiency: 0.5\n')
    const plan = ciPlan({ ...base, ci: true, highestWastedBytes: '1MB' }, {}, cwd)
    expect(plan?.configFile).toBe('.dive-ci')
    expect(plan?.settings.slice(0, 2)).toEqual([
      { rule: 'lowestEfficiency', value: '0.95', source: { file: '.dive-ci', line: 2 } },
      { rule: 'highestWastedBytes', value: '1MB', source: 'flag' },
    ])
    expect(ciPlan({ ...base, 'ci-config': 'other.yaml' }, { CI: 'true' }, cwd)?.settings[0]?.value).toBe('0.5')
    expect(() => ciPlan({ ...base, ci: true, 'ci-config': 'missing.yaml' }, {}, cwd)).toThrow(/^missing\.yaml: no such CI config file$/)
  })

  it('refuses rule options outside CI, and the old option names', () => {
    const cwd = folder('usage')
    expect(() => ciPlan({ ...base, lowestEfficiency: '0.9' }, {}, cwd)).toThrow(UsageError)
    expect(() => ciPlan({ ...base, ci: true, 'lowest-efficiency': '0.9' }, {}, cwd)).toThrow(/--lowestEfficiency \(dive's rule.*--strataLowestEfficiency/)
  })

  it("stops with exit 1 before any analysis when dive would refuse a value", () => {
    const cwd = folder('misconfigured', 'rules:\n  lowestEfficiency: lots\n')
    const out: string[] = []
    const io = { stdout: (text: string) => out.push(`out:${text}`), stderr: (text: string) => out.push(`err:${text}`) }
    expect(ciGate({ ...base, ci: true }, io, {}, cwd)).toBe(1)
    expect(out.join('')).toMatch(/^err:Evaluation:\n {2}MISCONFIGURED {2}lowestEfficiency \(invalid lowestEfficiency config value, given "lots".*from \.dive-ci:2\)\n\nCI Misconfigured\n$/)
    out.length = 0
    expect(ciGate({ ...base, ci: true, json: true }, io, {}, cwd)).toBe(1)
    expect((JSON.parse(out.join('').slice(4)) as { ci: { verdict: string } }).ci.verdict).toBe('misconfigured')
    expect(ciGate({ ...base, ci: true, lowestEfficiency: '0.5' }, io, {}, cwd)).toMatchObject({ configFile: '.dive-ci' })
  })
})
