// What counts as the first load of a build: every wasm, JS and CSS file the browser fetches
// before the first screen works, that is all but the lazily loaded wasm modules (split_*,
// chunk_*: src/app/lazy.rs). Shared by the size check (tools/size-budget.mjs) and the bench.
export const FIRST_LOAD_EXTENSIONS = ['.wasm', '.js', '.css'];

/** Whether `name` is a lazily loaded module, fetched after the first screen. */
export const isLazyModule = (name) => /^(split|chunk)_.+\.wasm$/.test(name);
