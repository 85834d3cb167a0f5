import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The app is served from Tauri's asset protocol, never from a dev server URL:
// relative asset paths, and syntax that WebKitGTK (Safari 15 level) understands.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // Keep the bundle free of eval-based source maps: the CSP forbids eval.
    sourcemap: false,
    // Loaded from disk by the webview, never over a network, so one larger chunk costs nothing.
    chunkSizeWarningLimit: 1500,
  },
});
