import { defineStore } from 'pinia'
import { reactive, ref, shallowRef } from 'vue'
import type { ImageAdvice } from '../../shared/advice'
import { StrataError } from '../../shared/errors'
import { strataApi } from '../api'
import { failureDetail } from '../i18n/problems'
import { appTranslate as t } from './app-translate'
import { useErrorStore } from './errors'

/**
 * The advisor's answer for the image the Files tab shows. Advice on an image ID never
 * changes (its layers are immutable), so an answer is kept until another image is
 * asked about, and the recoverable total of every image asked about this session
 * stays known for the image header's chip.
 */
export const useAdviceStore = defineStore('advice', () => {
  const errors = useErrorStore()

  const imageId = ref<string | null>(null)
  const advice = shallowRef<ImageAdvice | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'failed'>('idle')
  const failure = ref<string | null>(null)
  const recoverable = reactive(new Map<string, number>())
  let generation = 0

  /**
   * Asks the core for the image's advice. The Files tab calls this once its own
   * analysis is done: the layer cache then answers without a second export.
   */
  async function load(id: string): Promise<void> {
    if (id === imageId.value && (status.value === 'ready' || status.value === 'loading')) return
    const mine = ++generation
    imageId.value = id
    advice.value = null
    status.value = 'loading'
    failure.value = null
    try {
      const answer = await strataApi().call('layers.advice', { ref: id })
      if (mine !== generation) return
      advice.value = answer
      recoverable.set(id, answer.recoverableBytes)
      status.value = 'ready'
    } catch (error) {
      if (mine !== generation) return
      if (!(error instanceof StrataError && error.code === 'CANCELLED')) errors.report(error)
      failure.value = failureDetail(StrataError.from(error), t)
      status.value = 'failed'
    }
  }

  function retry(): void {
    if (imageId.value === null) return
    status.value = 'idle'
    void load(imageId.value)
  }

  /** Recoverable bytes of an image, once advice on it was read; null before. */
  function recoverableOf(id: string): number | null {
    return recoverable.get(id) ?? null
  }

  return { imageId, advice, status, failure, load, retry, recoverableOf }
})
