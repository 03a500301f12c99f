import type { PolicyRun } from './policy-input'
import type { CleanupReport } from './types'

/** What settings.recordPolicyRun keeps of a cleanup report; the app and the command line record runs alike. */
export function policyRunOf(report: CleanupReport, trigger: PolicyRun['trigger'], at: Date): PolicyRun {
  const count = (status: 'removed' | 'skipped' | 'failed'): number => report.outcomes.filter((outcome) => outcome.status === status).length
  return { at: at.toISOString(), trigger, removed: count('removed'), skipped: count('skipped'), failed: count('failed'), bytesFreed: report.freedBytes, predictedBytes: report.predictedBytes }
}
