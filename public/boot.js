// Starts the Interlude app. A file rather than Trunk's inline starter so the
// widget page works under a Content-Security-Policy without 'unsafe-inline'.
// Trunk writes the hashed file names into this tag's data attributes.
const tag = document.querySelector('script[data-interlude-js]');
const { default: init } = await import(new URL(tag.dataset.interludeJs, document.baseURI).href);
await init({ module_or_path: new URL(tag.dataset.interludeWasm, document.baseURI) });
