import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { failure } from '../../shared/errors'
import { PROBLEM_IDS, problem, problemEnglish } from '../../shared/problems'

const CORE = join(__dirname, '../../electron/core')
const DOMAINS = ['container', 'engine', 'image', 'layer', 'registry', 'transfer'] as const

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : []
  })
}

describe("the core's failures", () => {
  const failureIds = PROBLEM_IDS.filter((id) => DOMAINS.some((domain) => id.startsWith(`${domain}.`)))

  it('are each raised somewhere in the core, so no wording is left for a failure that no longer exists', () => {
    const text = sources(CORE).join('\n')
    const unused = failureIds.filter((id) => !text.includes(`'${id}'`))
    expect(unused).toEqual([])
  })

  it('carry their English as the message and their id and values in the detail', () => {
    const raised = failure('INVALID_INPUT', problem('reference.emptyTag'), { target: 'x' }, problem('reference.emptyName'))
    expect(raised.message).toBe('the tag is empty')
    expect(raised.detail).toEqual({
      target: 'x',
      problem: { id: 'reference.emptyTag', params: {} },
      hint: 'the repository name is empty',
      hintProblem: { id: 'reference.emptyName', params: {} },
    })
    expect(problemEnglish(problem('reference.tagTooLong', { max: 128, length: 130 }))).toBe('the tag is longer than 128 characters (130)')
  })
})
