import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/**
 * In development the workbench is a single-page app under /workbench/: a deep link such as
 * /workbench/staff must get the workbench's HTML, as the server's fallback does in production.
 */
function workbenchFallback(): Plugin {
  return {
    name: 'legalhub-workbench-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        const wantsHtml = req.headers.accept?.includes('text/html') ?? false;
        if (wantsHtml && /^\/workbench(\/[^.]*)?(\?.*)?$/.test(url)) req.url = '/workbench/index.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  // absolute asset URLs (/assets/…): the workbench's HTML is served at /workbench/* and must still find them
  base: '/',
  appType: 'mpa',
  plugins: [react(), workbenchFallback()],
  build: {
    outDir: path.resolve(root, '../dist/web'),
    emptyOutDir: true,
    // the portal must run in the WeChat browser of older phones (iOS 14 WebViews, Android XWeb ~ Chrome 87)
    target: ['es2020', 'chrome87', 'safari14', 'firefox78', 'edge88'],
    cssTarget: ['chrome87', 'safari14'],
    // read by web/scripts/bundle-size.mjs to measure what each entry loads
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        portal: path.resolve(root, 'index.html'),
        workbench: path.resolve(root, 'workbench/index.html'),
      },
      output: {
        // named chunks for what both apps share; everything else (antd above all) splits by who uses it
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // the Host header is kept (no changeOrigin): the server's login checks that Origin matches Host.
    // LEGALHUB_API_URL points the proxy at a server on another port.
    proxy: { '/api': { target: process.env.LEGALHUB_API_URL ?? 'http://localhost:3000' } },
  },
});
