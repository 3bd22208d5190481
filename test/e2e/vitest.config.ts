import { defineConfig } from "vitest/config";

// The end-to-end suite: real code-server, Chromium and Neovim, one file at a time.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
