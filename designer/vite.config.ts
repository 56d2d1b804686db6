import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

// The designer is built into designer/dist and served by the API; `npm run dev:designer` serves it
// with hot reload on :5173, forwarding API calls to a running API.
export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react()],
  build: { outDir: path.resolve(__dirname, 'dist'), emptyOutDir: true },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/v1', '/health', '/ready', '/docs'].map((prefix) => [prefix, apiTarget])),
  },
});
