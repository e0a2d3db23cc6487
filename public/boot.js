// Starts the WebAssembly app. An external module (not an inline script) so that the page
// runs under `script-src 'self' 'wasm-unsafe-eval'`. Trunk fills the data attributes with
// the hashed file names of the build.
const tag = document.querySelector('script[data-cosell-js]');
const { default: init } = await import(tag.dataset.cosellJs);
await init({ module_or_path: tag.dataset.cosellWasm });
