import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Installs `docker-credential-<name>` in `binDir`: a real program speaking the
 * credential-helper protocol (get/store/erase on stdin and stdout), keeping its
 * secrets in a JSON file, so tests can see what was stored without a keychain.
 */
export function installCredentialHelper(binDir: string, name: string, storePath: string): void {
  mkdirSync(binDir, { recursive: true })
  const program = join(binDir, `docker-credential-${name}`)
  writeFileSync(
    program,
    `#!/usr/bin/env node
const fs = require('node:fs')
const path = ${JSON.stringify(storePath)}
const read = () => (fs.existsSync(path) ? JSON.parse(fs.readFileSync(path, 'utf8')) : {})
const input = fs.readFileSync(0, 'utf8').trim()
const store = read()
const action = process.argv[2]
if (action === 'store') {
  const entry = JSON.parse(input)
  store[entry.ServerURL] = { Username: entry.Username, Secret: entry.Secret }
  fs.writeFileSync(path, JSON.stringify(store))
} else if (action === 'get' || action === 'erase') {
  if (store[input] === undefined) {
    process.stdout.write('credentials not found in native keychain\\n')
    process.exit(1)
  }
  if (action === 'get') process.stdout.write(JSON.stringify({ ServerURL: input, ...store[input] }))
  else {
    delete store[input]
    fs.writeFileSync(path, JSON.stringify(store))
  }
} else process.exit(2)
`,
  )
  chmodSync(program, 0o755)
}
