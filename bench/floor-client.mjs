// The floor of any `strata images` written for Node: a process that makes only the
// requests the catalog cannot do without, with Node's own http and no processing.
// `warm` lists images and containers (what a warm cache still has to ask); `cold` also
// inspects every image, 64 at a time (chain IDs and platform are in no list).
// Usage: node bench/floor-client.mjs <socket path> warm|cold
import { request } from 'node:http'

const [socketPath, mode] = process.argv.slice(2)

function get(path) {
  return new Promise((resolve, reject) => {
    request({ socketPath, path }, (response) => {
      const chunks = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      })
    })
      .on('error', reject)
      .end()
  })
}

const containers = get('/containers/json?all=1')
const images = await get('/images/json')
let inspected = 0
if (mode === 'cold') {
  let next = 0
  const worker = async () => {
    while (next < images.length) {
      const image = images[next]
      next += 1
      await get(`/images/${image.Id}/json`)
      inspected += 1
    }
  }
  await Promise.all(Array.from({ length: 64 }, worker))
}
process.stdout.write(`${JSON.stringify({ images: images.length, containers: (await containers).length, inspected })}\n`)
