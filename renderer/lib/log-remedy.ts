import type { ContainerLogSize } from '../../shared/types'
import type { Translate } from '../i18n/translator'

/** What Strata suggests: 3 files of 10 MB, at most 30 MB per container. Commands and file contents stay as typed, in every language. */
export const REMEDY_MAX_SIZE = '10m'
export const REMEDY_MAX_FILE = '3'

/** The lines to add to /etc/docker/daemon.json (merged into what is there), for every new container. */
export const DAEMON_JSON_REMEDY = JSON.stringify({ 'log-opts': { 'max-size': REMEDY_MAX_SIZE, 'max-file': REMEDY_MAX_FILE } }, null, 2)

/** The options for one container, as `docker run` (and `podman run`) take them. */
export const RUN_REMEDY = `docker run --log-opt max-size=${REMEDY_MAX_SIZE} --log-opt max-file=${REMEDY_MAX_FILE} …`

/** The rotation in words: "at 10m, keeps 3 files, compressed", "off", or "not applicable" for a driver without files. */
export function rotationText(log: ContainerLogSize, t: Translate, number: (value: number) => string): string {
  if (log.unbounded) return t('containerLogs.facts.rotationOff')
  if (log.maxSize === null) return t('containerLogs.facts.rotationNone')
  const rotation =
    log.maxFile === null
      ? t('containerLogs.facts.rotationCapped', { size: log.maxSize })
      : t('containerLogs.facts.rotationOn', { size: log.maxSize, n: number(log.maxFile) }, log.maxFile)
  return log.compress ? t('containerLogs.facts.compressed', { rotation }) : rotation
}

/** The driver's options as `key=value` words, sorted, for the facts. */
export function optionWords(options: Readonly<Record<string, string>>): string[] {
  return Object.entries(options)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
}
