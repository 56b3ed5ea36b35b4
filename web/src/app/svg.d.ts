/** SVG files imported as their text (esbuild's and Vitest's text loaders, web/build.mjs). */
declare module '*.svg' {
  const text: string;
  export default text;
}
