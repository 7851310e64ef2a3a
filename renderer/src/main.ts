import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { installDialogFocus } from './composables/dialogFocus';
import { router } from './router';
import { elementPlusLocale, i18n } from './i18n';
import './styles.css';

installDialogFocus();
createApp(App).use(createPinia()).use(router).use(i18n).use(ElementPlus).use(elementPlusLocale).mount('#app');
