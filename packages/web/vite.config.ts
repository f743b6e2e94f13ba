import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { webAliases } from './aliases.ts';

// The server serves dist/ at `/` with an SPA fallback; in development Vite proxies the API.
const api = process.env.BURSAR_API ?? 'http://localhost:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: { alias: webAliases },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
