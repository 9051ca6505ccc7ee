import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './manage.css';
import './field.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });

// The service worker keeps the app's shell on the device, so it opens and reloads offline (vite.config.ts).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}
