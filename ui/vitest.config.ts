import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.ts";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: "jsdom",
      setupFiles: ["./src/test/setup.ts"],
      include: ["src/**/*.test.{ts,tsx}"],
      // Interaction tests type and click through whole forms; on a 2-core machine that is busy
      // compiling, Vitest's 5 s default fails them for being slow, not for being wrong.
      testTimeout: 30_000,
    },
  }),
);
