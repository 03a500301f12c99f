import type { imageFailures as english } from '../../en/failures/image'

export const imageFailures: typeof english = {
  // Deleting an image; {steps} stays in English, as the core lists them.
  engineRefused: '引擎拒绝了操作：{message}',
  blockersChanged: '你确认之后，阻止删除该镜像的对象发生了变化；未删除任何内容。请重新查看阻止项。',
  childrenFirst: '必须先删除基于该镜像构建的镜像；Strata 不会替你删除它们。',
  partlyRemoved: '{failure} 在此之前，Strata 已完成以下步骤：{steps}；镜像未被删除。',
  partlyRemovedDeleted: '{failure} 在此之前，Strata 已完成以下步骤：{steps}；镜像已删除，但未能统计释放的空间。',
  // Deleting one platform of an image.
  platformDeleteNeedsApi: '只删除 {platform} 需要 Engine API {minimum} 或更新版本；该引擎使用 {apiVersion}，在这个版本上引擎会删除整个镜像。未删除任何内容。',
  platformDeleteClassicStore: '只删除 {platform} 需要 containerd 镜像存储；在该引擎上一个镜像 ID 只对应一个平台，请直接删除镜像。未删除任何内容。',
  // Strata's own cache folder.
  cacheFolderRefused: '缓存文件夹 {folder} 不是 Strata 可以清空的文件夹。',
  outsideCacheFolder: '{target} 不在缓存文件夹 {folder} 中。',
}
