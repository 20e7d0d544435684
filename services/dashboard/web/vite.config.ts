/**
 * Vite's configuration of the dashboard's page: a React single-page app rooted here (web/), built into
 * web/dist, which the dashboard service serves with its /api on one origin. `vite web` (npm run dev:web)
 * serves it with hot reload and sends /api to the dashboard at http://localhost:3006.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Everything in files: a `default-src 'self'` CSP blocks inline scripts and styles.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      "/api": { target: "http://localhost:3006", changeOrigin: false },
    },
  },
});
