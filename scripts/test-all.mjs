#!/usr/bin/env node
// npm test: system set-up, then build, lint, typecheck, unit, integration and e2e tests, then one summary line.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// First what the engine tests need from the system: installed here on Debian and Ubuntu (as root
// or through sudo -n), named exactly elsewhere. A fast no-op when everything is in place.
const setup = spawnSync(process.execPath, [fileURLToPath(new URL('system-setup.mjs', import.meta.url))], { stdio: 'inherit' })
if (setup.status !== 0) {
  process.stdout.write('\nThe system set-up did not complete (see above): no test ran.\n')
  process.exit(setup.status ?? 1)
}

const reportDir = 'test-results'
mkdirSync(reportDir, { recursive: true })

let passed = 0
let failed = 0
const failures = []

function run(title, command, args) {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`)
  const started = Date.now()
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  process.stdout.write(`=== ${title}: exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  return result.status === 0
}

function check(title, command, args) {
  if (run(title, command, args)) passed += 1
  else {
    failed += 1
    failures.push(title)
  }
}

function vitest(title, project) {
  const report = `${reportDir}/vitest-${project}.json`
  rmSync(report, { force: true })
  const ok = run(title, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  if (!existsSync(report)) {
    failed += 1
    failures.push(`${title} (no report: the run could not start)`)
    return
  }
  const summary = JSON.parse(readFileSync(report, 'utf8'))
  passed += summary.numPassedTests
  failed += summary.numFailedTests
  for (const file of summary.testResults) {
    for (const test of file.assertionResults) if (test.status === 'failed') failures.push(`${title}: ${test.fullName}`)
  }
  // A global setup that throws (no dockerd, not root) fails the run without failing a test: count it.
  if (!ok && summary.numFailedTests === 0) {
    failed += 1
    failures.push(`${title}: the run failed outside any test (see the output above)`)
  }
}

check('build', 'npm', ['run', 'build', '--silent'])
check('lint', 'npm', ['run', 'lint', '--silent'])
check('typecheck', 'npm', ['run', 'typecheck', '--silent'])
vitest('unit', 'unit')
vitest('integration and e2e (private dockerd)', 'engine')

if (failures.length > 0) {
  process.stdout.write('\nFailed:\n')
  for (const failure of failures) process.stdout.write(`  - ${failure}\n`)
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exitCode = failed === 0 ? 0 : 1
