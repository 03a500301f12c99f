import { defineStore } from 'pinia'
import type { MethodInput } from '../../shared/contract'
import type { CommitPreview, CommitResult, RunResult } from '../../shared/types'
import { strataApi } from '../api'
import { useContainerStore } from './containers'

/** Making containers from images and images from containers: Run, Commit and the commit's preview. */
export const useRunStore = defineStore('run', () => {
  const containers = useContainerStore()

  async function run(request: MethodInput<'containers.run'>): Promise<RunResult> {
    const result = await strataApi().call('containers.run', request)
    // The detail view reads the container list; the live event may come after the navigation.
    if (containers.loaded) containers.upsert(result.container)
    return result
  }

  function previewCommit(request: MethodInput<'containers.commitPreview'>): Promise<CommitPreview> {
    return strataApi().call('containers.commitPreview', request)
  }

  function commit(request: MethodInput<'containers.commit'>): Promise<CommitResult> {
    return strataApi().call('containers.commit', request)
  }

  return { run, previewCommit, commit }
})
