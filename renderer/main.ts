import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { applyLocale, i18n } from './i18n'
import { router } from './router'
import './styles.css'

// The system's language until settings.json is read (it may name another).
applyLocale(i18n.global.locale.value)
createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
