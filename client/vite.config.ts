// The web view's build: `npm run build:client` writes client/dist, which the API server serves at /.
// `npm run dev:client` serves it with hot reload and proxies /api to a running `chokepoint serve`.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': process.env.CHOKEPOINT_API ?? 'http://127.0.0.1:8080' } },
});
