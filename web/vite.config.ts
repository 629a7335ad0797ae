/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';

// The API listens on 5080 in development (SPEC §6); the dashboard calls it through this proxy
// so that the browser sees one origin, as it does when the API serves the built files.
// vitest 5's reporter calls Map.groupBy (Node 21+) when it prints a failure; on this machine's
// Node 20 it would crash instead of showing what failed. The config runs in that process.
const MapWithGroupBy = Map as unknown as { groupBy?: unknown };
if (typeof MapWithGroupBy.groupBy !== 'function') {
  MapWithGroupBy.groupBy = <K, V>(items: Iterable<V>, key: (item: V, index: number) => K) => {
    const groups = new Map<K, V[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const g = groups.get(k);
      if (g) g.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

const api = process.env.ROLLOUTHUB_API ?? 'http://127.0.0.1:5080';
const proxy = { '/api': api, '/health': api, '/openapi': api, '/swagger': api };

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 5173, proxy },
  // `vite preview` serves the built files the same way (used by the end-to-end tests).
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20_000,
  },
});
