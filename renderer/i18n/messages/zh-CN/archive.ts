import type { archive as english } from '../en/archive'

/** 归档视图（#/archive：不载入而直接分析的镜像归档）。 */
export const archive: typeof english = {
  title: '镜像归档',
  notLoaded: '未载入：直接从文件读取，引擎保持不变。',
  file: '文件',
  size: '大小',
  references: '其中的镜像',
  noReferences: '无（未打标签的镜像的归档）',
  images: '归档中有 {n} 个镜像；此处显示第一个。',
  figures: '共存储 {total}，{layers}，浪费 {wasted}，效率 {efficiency}',
  efficiency: '{value}%',
  reading: '正在读取 {name}…',
  failed: 'Strata 无法分析 {name}。',
  empty: '尚未分析任何镜像归档。',
  emptyDesktop: '把 docker save 或 OCI 归档（.tar、.tar.gz 或 .tgz）拖放到窗口上，然后选择“不载入，直接分析”。',
  emptyTyped: '请给出运行 `strata serve` 的机器上 docker save 或 OCI 归档的完整路径，或把归档拖放到窗口上。',
  pathLabel: '要分析的归档',
  pathHint: '从{where}读取；不会上传，也不会载入到引擎。',
  dropped: '你拖放了 {name}：浏览器不会告诉页面它在哪里，请输入它的完整路径。',
  analyze: '分析',
  analyzeAnother: '分析另一个归档…',
  changesOnly: '每一层只显示它改动的路径：归档不在引擎中，因此没有完整的文件系统可供浏览。',
  layout: '层与改动',
}
