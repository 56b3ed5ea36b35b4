import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // SVG files import as their text, as in the build (build.mjs: loader '.svg': 'text').
  plugins: [
    {
      name: 'svg-as-text',
      enforce: 'pre',
      load: (id) => (id.endsWith('.svg') ? `export default ${JSON.stringify(readFileSync(id, 'utf8'))};` : undefined),
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The test files share their workers' module state instead of a fresh one each: 4 s instead of 17 (the
    // tests themselves take one), on the suite's way to the server. They keep no state between them; shuffled
    // runs (vitest run --sequence.shuffle) pass alike.
    isolate: false,
  },
});
