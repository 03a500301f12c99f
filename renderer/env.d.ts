/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** What electron/preload exposes; absent in browser mode. */
interface StrataBridge {
  call(method: string, input: unknown): Promise<unknown>
  on(event: string, listener: (payload: unknown) => void): () => void
  saveFile(request: unknown): Promise<unknown>
  saveText(request: unknown): Promise<unknown>
  saveImagesAs(request: unknown): Promise<unknown>
  loadImagesFrom(request: unknown): Promise<unknown>
  loadDroppedFile(file: File, request: { taskId?: string }): Promise<unknown>
  analyzeDroppedFile(file: File, request: { taskId?: string }): Promise<unknown>
  chooseEngineSocket(request: unknown): Promise<unknown>
  chooseTlsFile(request: unknown): Promise<unknown>
  streamPost(id: string, message: unknown): void
  onStream(id: string, listener: (message: unknown) => void): () => void
  ready(): void
}

interface Window {
  strata?: StrataBridge
}
