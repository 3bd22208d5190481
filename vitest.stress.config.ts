import { defineConfig } from "vitest/config";

// The hardening suite (`npm run test:stress`): fuzzing, edit storms, huge and odd files, bad
// configuration, security and probe faults. Files run one at a time: several start servers.
export default defineConfig({
  test: {
    include: ["test/stress/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
