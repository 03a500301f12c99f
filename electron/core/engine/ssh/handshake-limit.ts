import type Docker from 'dockerode'

/**
 * sshd refuses new connections at random once 10 are mid-handshake (MaxStartups
 * 10:30:100 by default), and docker-modem opens one ssh connection per request: a
 * catalog reading fifty images at once would see some dropped ("Connection lost
 * before handshake"). At most this many requests are connecting at a time; a request
 * gives its place back as soon as the engine answers, so long streams (events, logs)
 * do not hold one.
 */
export const MAX_SSH_HANDSHAKES = 4

type Dial = (options: unknown, callback: (error: unknown, data: unknown) => void) => void

export function limitSshHandshakes(docker: Docker, limit = MAX_SSH_HANDSHAKES): void {
  const modem = docker.modem as unknown as { dial: Dial }
  const dial = modem.dial.bind(modem)
  let connecting = 0
  const waiting: (() => void)[] = []
  const release = (): void => {
    connecting -= 1
    waiting.shift()?.()
  }
  modem.dial = (options, callback) => {
    const start = (): void => {
      connecting += 1
      let released = false
      dial(options, (error, data) => {
        if (!released) {
          released = true
          release()
        }
        callback(error, data)
      })
    }
    if (connecting < limit) start()
    else waiting.push(start)
  }
}
