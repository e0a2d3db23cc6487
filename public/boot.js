// Starts the WebAssembly app. An external module (not an inline script) so that the page
// runs under `script-src 'self' 'wasm-unsafe-eval'`. Trunk fills the data attributes with
// the hashed file names of the build.
const tag = document.querySelector('script[data-cosell-js]');
const { default: init } = await import(tag.dataset.cosellJs);
await init({ module_or_path: tag.dataset.cosellWasm });

// Ask the browser to keep Co-sell's data under storage pressure (Settings shows the answer).
navigator.storage?.persist?.().catch(() => {});

// Offline use: the service worker (sw.js, next to this file) precaches the build. When a new
// deployment has installed, the app is told (`cosell-update-ready`) and shows "Reload to
// update"; `cosellUpdate()` lets the new worker take over and reloads once it has.
if ('serviceWorker' in navigator) {
  const ready = (worker) => {
    window.cosellUpdate = () => {
      window.cosellUpdating = true;
      worker.postMessage('skip-waiting');
    };
    window.cosellUpdateReady = true;
    window.dispatchEvent(new Event('cosell-update-ready'));
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.cosellUpdating) location.reload();
  });
  navigator.serviceWorker
    .register(new URL('sw.js', tag.src))
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) ready(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) ready(worker);
        });
      });
    })
    .catch((e) => console.warn('Co-sell works online only: the service worker did not register.', e));
}
