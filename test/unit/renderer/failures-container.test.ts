import { describe, expect, it } from 'vitest'
import { failure } from '../../../shared/errors'
import { problem, problemEnglish } from '../../../shared/problems'
import { failureDetail, failureText } from '../../../renderer/i18n/problems'
import { translator } from '../../../renderer/i18n/translator'
import { describeFailure } from '../../../renderer/lib/registry-view'

const t = translator('en')
const zh = translator('zh-CN')

describe('container and transfer failures in Chinese', () => {
  it('words a container failure from its problem, the engine text kept as it came', () => {
    const refused = failure('CONFLICT', problem('container.engineRefused', { name: 'web', reason: 'container is marked for removal' }), { id: 'abc' }).toWire()
    expect(refused.message).toBe('The engine refused for container web: container is marked for removal')
    expect(failureText(refused, t)).toBe(refused.message)
    expect(failureText(refused, zh)).toBe('引擎拒绝了对容器 web 的操作：container is marked for removal')
    expect(failureDetail(refused, zh)).toBe('引擎拒绝了对容器 web 的操作：container is marked for removal')
  })

  it('words the run, commit and terminal failures the views meet most', () => {
    expect(failureText(failure('NOT_FOUND', problem('container.runImageMissing', { image: 'app:1' })), zh)).toBe('本地没有镜像 app:1；Strata 只运行本地镜像：请先拉取。')
    expect(failureText(failure('CONFLICT', problem('container.removeRunning', { name: 'web' })), zh)).toBe('容器 web 正在运行：请先停止它，或强制删除。')
    expect(failureText(failure('CONFLICT', problem('container.tagTakenDangling', { tag: 'app:1', image: '0123456789ab' })), zh)).toBe(
      'app:1 已指向镜像 0123456789ab；提交会移走这个标签，使该镜像失去名称（成为悬空镜像）。请换一个标签，或移动它。',
    )
    expect(failureText(failure('CONFLICT', problem('container.terminalNotRunning', { name: 'db' })), zh)).toBe('容器 db 未在运行：请先启动它，再打开终端。')
  })

  it('words the file failures of save and load in Chinese, naming the file', () => {
    expect(failureText(failure('INVALID_INPUT', problem('transfer.diskFull', { path: '/mnt/full/x.tar' })), zh)).toBe('/mnt/full/x.tar 没有剩余空间：所在磁盘已满；未写入任何内容。')
    expect(failureText(failure('NOT_FOUND', problem('transfer.sourceMissing', { path: '/in/x.tar' })), zh)).toBe('文件 /in/x.tar 不存在。')
    expect(failureText(failure('INVALID_INPUT', problem('transfer.readFailed', { path: '/in/x.tar', reason: 'EIO: i/o error' })), zh)).toBe('无法读取 /in/x.tar：EIO: i/o error')
    expect(failureText(failure('INVALID_INPUT', problem('transfer.loadFailed', { path: '/in/x.tar', reason: 'unexpected EOF' })), zh)).toBe('引擎无法载入 /in/x.tar：unexpected EOF')
  })

  it('heads the save and load failure panel with the file failure in the user language', () => {
    const full = failure('INVALID_INPUT', problem('transfer.diskFull', { path: '/mnt/full/x.tar' }), { path: '/mnt/full/x.tar', cause: 'ENOSPC' })
    expect(describeFailure(zh, full, 'app:1').headline).toBe('/mnt/full/x.tar 没有剩余空间：所在磁盘已满；未写入任何内容。')
    expect(describeFailure(t, full, 'app:1').headline).toBe('No space left for /mnt/full/x.tar: its disk is full; nothing was written.')
  })
})

describe('the English of the converted failures', () => {
  it('says what the core said before it carried problems', () => {
    const said = { id: '0123456789ab', reason: 'exec: "nope": executable file not found in $PATH' }
    expect(problemEnglish(problem('container.startFailedRemains', { ...said, state: 'created' }))).toBe(
      'Created container 0123456789ab, but it did not start: exec: "nope": executable file not found in $PATH. It is still there, created: fix the cause and start it, or remove it (strata rm-container 0123456789ab).',
    )
    expect(problemEnglish(problem('container.tagTakenKeeps', { tag: 'app:1', image: '0123456789ab', otherTags: 'app:2, app:3' }))).toBe(
      'app:1 already names image 0123456789ab; committing would move the tag (it keeps app:2, app:3). Choose another tag, or move it.',
    )
  })
})
