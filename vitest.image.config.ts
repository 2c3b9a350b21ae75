import { defineConfig } from 'vitest/config';

/** `npm run test:image` (scripts/test-image.sh): the built image, proved in containers. */
export default defineConfig({
  test: {
    include: ['tests/image/*.proof.ts'],
    environment: 'node',
    testTimeout: 180_000,
    fileParallelism: false,
  },
});
