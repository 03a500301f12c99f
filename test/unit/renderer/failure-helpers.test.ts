import { describe, expect, it } from 'vitest'
import { StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { errorDetail, errorText, failureOf } from '../../../renderer/i18n/problems'
import { translator } from '../../../renderer/i18n/translator'

const t = translator('en')
const zh = translator('zh-CN')

describe('failureOf: anything thrown as a failure a view keeps', () => {
  it('keeps a StrataError’s code, message and detail as plain data', () => {
    const kept = failureOf(new StrataError('CONFLICT', 'in use', { blockers: [] }))
    expect(kept).toEqual({ code: 'CONFLICT', message: 'in use', detail: { blockers: [] } })
    expect(kept).not.toBeInstanceOf(StrataError)
  })

  it('makes anything else INTERNAL with its message', () => {
    expect(failureOf(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: 'x is undefined', detail: {} })
    expect(failureOf('plain words')).toMatchObject({ code: 'INTERNAL', message: 'plain words' })
  })
})

describe('errorText and errorDetail: failureText and failureDetail of anything thrown', () => {
  it('word a failure without a problem by its code’s title and the core’s message', () => {
    const error = new StrataError('NOT_FOUND', 'No such image: web:1')
    expect(errorText(error, t)).toBe('Not found: No such image: web:1')
    expect(errorDetail(error, t)).toBe('No such image: web:1')
  })

  it('word a failure that carries a problem in the user’s language', () => {
    const error = new StrataError('CANCELLED', 'Analysis cancelled', { problem: problem('layer.analysisCancelled') })
    expect(errorText(error, zh)).not.toContain('Analysis cancelled')
    expect(errorText(error, zh)).toBe(errorDetail(error, zh))
  })

  it('word a plain Error as an internal error', () => {
    expect(errorText(new Error('boom'), t)).toBe('Internal error: boom')
  })
})
