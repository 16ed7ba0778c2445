import { writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The Go binary embeds dist/ and needs the folder to hold a file even before
// the first build, so dist/.gitkeep is committed and written back after each
// build (Vite empties the folder first).
const keepDist: Plugin = {
  name: 'kizuna-keep-dist',
  apply: 'build',
  closeBundle() {
    writeFileSync('dist/.gitkeep', '');
  },
};

// During `npm run dev` the API is proxied to a running `kizuna serve`.
const api = process.env.KIZUNA_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), keepDist],
  base: '/',
  build: { outDir: 'dist' },
  server: { proxy: { '/api': api, '/healthz': api } },
});
