/// <reference types="vite/client" />

/** Element Plus's per-component stylesheets, imported for their effect (also lazily, with the component). */
declare module 'element-plus/es/components/*/style/css'
