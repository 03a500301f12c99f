import { describe, expect, it } from 'vitest'
import { translator } from '../../../renderer/i18n/translator'
import { pathProblem, pathWhere } from '../../../renderer/lib/file-path'

const en = translator('en')
const zh = translator('zh-CN')

describe('path fields in words', () => {
  it('says where a path lives and what it refuses, in English', () => {
    expect(pathWhere(true, en)).toBe('on this computer')
    expect(pathWhere(false, en)).toBe('on the machine `strata serve` runs on, not the one this browser runs on')
    expect(pathProblem('', en)).toBe('Give the path of a file.')
    expect(pathProblem('a\0b', en)).toBe('A path holds no NUL character.')
    expect(pathProblem('a.tar', en)).toBe('Give the full path, starting with / (or a drive such as C:\\ on Windows): a relative one would depend on where strata serve was started.')
    expect(pathProblem('/tmp/a.tar', en)).toBeNull()
  })

  it('says the same in Chinese, keeping the command and the drive as typed', () => {
    expect(pathWhere(true, zh)).toBe('在这台计算机上')
    expect(pathWhere(false, zh)).toContain('`strata serve`')
    expect(pathProblem('  ', zh)).toBe('请输入文件路径。')
    expect(pathProblem('a.tar', zh)).toContain('C:\\')
  })

  it('words in English when the caller passes no translator', () => {
    expect(pathWhere(true)).toBe('on this computer')
    expect(pathProblem('a.tar')).toMatch(/^Give the full path/)
  })
})
