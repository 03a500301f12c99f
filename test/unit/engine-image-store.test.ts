import { describe, expect, it } from 'vitest'
import { imageStoreOf } from '../../electron/core/engine/image-store'
import { backingFilesystemOf } from '../../electron/core/engine/info'
import { classic2010, containerd29, containerdNative, podman43 } from '../fixtures/engine-api/info'

describe('image store from GET /info', () => {
  it('is classic on the 20.10 graph-driver daemon, with its backing filesystem', () => {
    const { Driver, DriverStatus } = classic2010.answer
    expect(imageStoreOf(Driver, DriverStatus)).toEqual({ kind: 'classic', snapshotter: null })
    expect(backingFilesystemOf(DriverStatus)).toBe('extfs')
  })

  it('is containerd when DriverStatus names the snapshotter plugin, and the snapshotter is the Driver', () => {
    const { Driver, DriverStatus } = containerd29.answer
    expect(imageStoreOf(Driver, DriverStatus)).toEqual({ kind: 'containerd', snapshotter: 'overlayfs' })
    expect(backingFilesystemOf(DriverStatus)).toBeNull()
    expect(imageStoreOf(containerdNative.answer.Driver, containerdNative.answer.DriverStatus)).toEqual({ kind: 'containerd', snapshotter: 'native' })
  })

  it('is classic on Podman, whose containers/storage has no snapshotter row', () => {
    expect(imageStoreOf(podman43.answer.Driver, podman43.answer.DriverStatus)).toEqual({ kind: 'classic', snapshotter: null })
  })

  it('reads a plugin id that carries the snapshotter, and survives missing fields', () => {
    expect(imageStoreOf('overlayfs', [['driver-type', 'io.containerd.snapshotter.v1.overlayfs']])).toEqual({ kind: 'containerd', snapshotter: 'overlayfs' })
    expect(imageStoreOf(undefined, [['driver-type', 'io.containerd.snapshotter.v1']])).toEqual({ kind: 'containerd', snapshotter: null })
    expect(imageStoreOf(undefined, null)).toEqual({ kind: 'classic', snapshotter: null })
    expect(imageStoreOf('overlay2', [['driver-type', 'something-else']])).toEqual({ kind: 'classic', snapshotter: null })
  })
})
