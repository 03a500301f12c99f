import { computed, inject, provide, reactive, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { buildRun, emptyRunForm, type FieldErrors, type Gathered, type RunForm } from '../lib/run-form'

export interface RunFormContext {
  form: RunForm
  built: ComputedRef<Gathered>
  /** What the core refused at the last attempt, by field; cleared when the user edits the form. */
  serverErrors: Ref<FieldErrors>
  /** The form's own messages and the core's, for one field ('name', 'env.2', 'ports.0.hostPort', …). */
  errorsOf: (field: string) => string[]
  /** Every message of a row (env.2 and ports.0.* alike), for rows that show their problems under them. */
  rowErrors: (prefix: string) => string[]
}

const KEY: InjectionKey<RunFormContext> = Symbol('run-form')

/** The run dialog's form, shared with its field groups (which edit it in place). */
export function provideRunForm(image: () => string): RunFormContext {
  const { t } = useI18n()
  const form = reactive(emptyRunForm())
  // Reads the locale through t, so the form's messages follow a language change.
  const built = computed(() => buildRun(form, image(), t))
  const serverErrors = ref<FieldErrors>({})
  const errorsOf = (field: string): string[] => [...(built.value.errors[field] ?? []), ...(serverErrors.value[field] ?? [])]
  const rowErrors = (prefix: string): string[] => {
    const all = { ...built.value.errors }
    for (const [key, messages] of Object.entries(serverErrors.value)) all[key] = [...(all[key] ?? []), ...messages]
    return Object.entries(all)
      .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
      .flatMap(([, messages]) => messages)
  }
  const context: RunFormContext = { form, built, serverErrors, errorsOf, rowErrors }
  provide(KEY, context)
  return context
}

export function useRunForm(): RunFormContext {
  const context = inject(KEY)
  if (context === undefined) throw new Error('A run field group is used outside the run dialog.')
  return context
}
