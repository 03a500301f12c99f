import type { ImageStoreKind } from '../../../shared/types'

/**
 * Which image store an engine keeps images in, read from `GET /info`.
 *
 * With the containerd image store moby reports the snapshotter's name as `Driver` and a single
 * `DriverStatus` row `["driver-type", "io.containerd.snapshotter.v1"]` (moby
 * daemon/containerd/service.go, LayerStoreStatus/StorageDriver). A graph driver (overlay2, vfs,
 * btrfs…) and Podman's containers/storage report their own rows (Backing Filesystem…) instead.
 */
export interface ImageStore {
  kind: ImageStoreKind
  /** The containerd snapshotter in use (overlayfs, native, stargz…); null on the classic store. */
  snapshotter: string | null
}

const SNAPSHOTTER_PLUGIN = 'io.containerd.snapshotter.v1'

export function imageStoreOf(driver: string | undefined, driverStatus: [string, string][] | null | undefined): ImageStore {
  const driverType = driverStatus?.find(([key]) => key === 'driver-type')?.[1] ?? ''
  // The plugin type may one day carry the snapshotter (io.containerd.snapshotter.v1.overlayfs): a prefix holds either way.
  if (driverType.startsWith(SNAPSHOTTER_PLUGIN)) return { kind: 'containerd', snapshotter: driver !== undefined && driver !== '' ? driver : null }
  return { kind: 'classic', snapshotter: null }
}

const known = new WeakMap<object, Promise<ImageStore>>()

/** The store of a connection, asked of /info once per connection (a store does not change under a running daemon). */
export function imageStoreFor(connection: { docker: { info(): Promise<unknown> } }): Promise<ImageStore> {
  let store = known.get(connection)
  if (store === undefined) {
    store = connection.docker.info().then((info) => {
      const { Driver, DriverStatus } = info as { Driver?: string; DriverStatus?: [string, string][] | null }
      return imageStoreOf(Driver, DriverStatus)
    })
    // A failed ask is asked again next time.
    store.catch(() => known.delete(connection))
    known.set(connection, store)
  }
  return store
}

/** The containerd image store came with Docker 24 (API 1.43): an older engine is the classic store without being asked. */
export const CONTAINERD_STORE_API = '1.43'

export const CLASSIC_STORE: ImageStore = { kind: 'classic', snapshotter: null }

/** The store, asking /info only of an engine that can have the containerd store, so an older one gets no extra call. */
export function imageStoreOfEngine(connection: { supports(version: string): boolean; docker: { info(): Promise<unknown> } }): Promise<ImageStore> {
  return connection.supports(CONTAINERD_STORE_API) ? imageStoreFor(connection) : Promise.resolve(CLASSIC_STORE)
}
