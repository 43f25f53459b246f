// The browser pages are plain ES modules: lint them with the project's rules plus browser globals.
// (ESLint 10 looks the config up from each file's folder, so this file applies to web/ only.)
import root from '../eslint.config.js';

const browserGlobals = Object.fromEntries(
  [
    'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'fetch', 'Headers', 'Request', 'Response',
    'URL', 'URLSearchParams', 'AbortController', 'TextDecoder', 'TextEncoder', 'crypto', 'console', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'requestAnimationFrame', 'Intl', 'Event', 'CustomEvent', 'EventTarget', 'HTMLElement', 'Node',
    'DOMException', 'FormData', 'performance', 'structuredClone', 'ResizeObserver', 'MutationObserver', 'Blob', 'self', 'caches',
  ].map((name) => [name, 'readonly']),
);

export default [...root, { files: ['public/**/*.js'], languageOptions: { globals: browserGlobals, sourceType: 'module' } }];
