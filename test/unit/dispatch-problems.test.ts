import { describe, expect, it } from 'vitest'
import { validateCall } from '../../electron/core/api/dispatch'
import { StrataError } from '../../shared/errors'
import { failureText } from '../../renderer/i18n/problems'
import { translator } from '../../renderer/i18n/translator'

const t = translator('en')
const zh = translator('zh-CN')

// The boundary refuses a call with the shared checks' English, and carries their problems so the renderer words them.
describe('problems in a refused call', () => {
  it('words the boundary problems of a refused commit, each with its field', () => {
    let refused: unknown = null
    try {
      validateCall('containers.commit', { id: 'abc', repository: 'Bad', changes: { env: ['NOPE'] } })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(StrataError)
    const wire = (refused as StrataError).toWire()
    expect(wire.message).toBe("Invalid input for containers.commit: repository: uppercase letters are not allowed in a repository name: 'Bad'; changes.env.0: 'NOPE' is not KEY=VALUE")
    expect(failureText(wire, t)).toBe("repository: uppercase letters are not allowed in a repository name: 'Bad'; changes.env.0: 'NOPE' is not KEY=VALUE")
    expect(failureText(wire, zh)).toBe("repository：仓库名称中不能有大写字母：'Bad'；changes.env.0：'NOPE' 不是 KEY=VALUE 形式")
  })

  it('carries no problems when an issue is only the schema\'s', () => {
    let refused: unknown = null
    try {
      validateCall('containers.commit', { id: 'abc', repository: 'Bad', pause: 'yes' })
    } catch (error) {
      refused = error
    }
    expect((refused as StrataError).detail.problems).toBeUndefined()
    expect(failureText((refused as StrataError).toWire(), t)).toMatch(/^Invalid input: Invalid input for containers.commit: /)
  })
})
