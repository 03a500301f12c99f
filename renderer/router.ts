import { createRouter, createWebHashHistory } from 'vue-router'
import ArchiveView from './views/ArchiveView.vue'
import CleanupView from './views/CleanupView.vue'
import ContainerDetailView from './views/ContainerDetailView.vue'
import ContainersView from './views/ContainersView.vue'
import EngineView from './views/EngineView.vue'
import FamilyView from './views/FamilyView.vue'
import ImageDetailView from './views/ImageDetailView.vue'
import ImagesView from './views/ImagesView.vue'
import RegistryView from './views/RegistryView.vue'
import SettingsView from './views/SettingsView.vue'

// Hash history works the same from Electron's file:// and from the browser host.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/images' },
    { path: '/images', name: 'images', component: ImagesView, meta: { title: 'Images' } },
    { path: '/images/:id', name: 'image', component: ImageDetailView, meta: { title: 'Image' } },
    { path: '/archive', name: 'archive', component: ArchiveView, meta: { title: 'Image archive' } },
    { path: '/family', name: 'family', component: FamilyView, meta: { title: 'Family' } },
    { path: '/containers', name: 'containers', component: ContainersView, meta: { title: 'Containers' } },
    { path: '/containers/:id', name: 'container', component: ContainerDetailView, meta: { title: 'Container' } },
    { path: '/registry', name: 'registry', component: RegistryView, meta: { title: 'Registries' } },
    { path: '/cleanup', name: 'cleanup', component: CleanupView, meta: { title: 'Cleanup' } },
    { path: '/engine', name: 'engine', component: EngineView, meta: { title: 'Engine' } },
    { path: '/settings', name: 'settings', component: SettingsView, meta: { title: 'Settings' } },
  ],
})
