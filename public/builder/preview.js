// The builder's preview: a page holding only the real loader, given the
// data-* options from this page's query string, exactly as a clinic's
// page would have them.
(function () {
  'use strict';
  var script = document.createElement('script');
  script.src = '../embed.js';
  new URLSearchParams(location.search).forEach(function (value, name) {
    if (/^[a-z-]+$/.test(name)) script.setAttribute('data-' + name, value);
  });
  document.body.appendChild(script);
})();
