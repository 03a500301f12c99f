import { computed, inject, provide, reactive, type ComputedRef, type InjectionKey } from 'vue'
import { useI18n } from 'vue-i18n'
import { buildCommit, emptyCommitForm, type BuiltCommit, type CommitField, type CommitForm } from '../lib/commit-form'

export interface CommitFormContext {
  form: CommitForm
  built: ComputedRef<BuiltCommit>
  errorsOf: (field: CommitField) => string[]
}

const KEY: InjectionKey<CommitFormContext> = Symbol('commit-form')

/** The commit dialog's form, shared with its field groups (which edit it in place). */
export function provideCommitForm(): CommitFormContext {
  const { t } = useI18n()
  const form = reactive(emptyCommitForm())
  const built = computed(() => buildCommit(form, t))
  const context: CommitFormContext = { form, built, errorsOf: (field) => built.value.errors[field] ?? [] }
  provide(KEY, context)
  return context
}

export function useCommitForm(): CommitFormContext {
  const context = inject(KEY)
  if (context === undefined) throw new Error('A commit field group is used outside the commit dialog.')
  return context
}
