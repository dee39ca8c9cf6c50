// The snippet builder: turns the form into the exact script tag a clinic
// pastes, with the build's Subresource Integrity hash, and shows it live in
// a preview page that holds the real loader. Nothing leaves this page.
(function () {
  'use strict';
  // Must match src/model/prompts.rs (tests/e2e/builder.test.mjs checks).
  var PACKS = [['check-in', 'Checking in with myself'], ['expressive', 'Writing it out'],
    ['gratitude', 'Noticing the good'], ['body', 'Body and breath'], ['values', 'What matters to me'],
    ['self-compassion', 'Being kind to myself'], ['thoughts', 'Looking at a thought'],
    ['before-session', 'Before my session'], ['after-session', 'After my session']];
  var DEFAULT_ACCENT = '#2f5d62';
  var form = document.getElementById('options');
  var snippet = document.getElementById('snippet');
  var preview = document.getElementById('preview');
  var integrity = document.body.dataset.integrity;
  var hasIntegrity = /^sha384-/.test(integrity);
  var loader = new URL('../embed.js', location.href).href;
  var timer;

  PACKS.forEach(function (pack) {
    var label = document.createElement('label');
    label.className = 'tick';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'packs';
    box.value = pack[0];
    label.append(box, ' ' + pack[1]);
    document.getElementById('packs').append(label);
  });
  document.getElementById('sri-note').textContent = hasIntegrity
    ? 'The integrity hash is for this build of the loader; make a new tag after each update.'
    : 'This copy was not built with an integrity hash; run scripts/build.sh to get one.';

  // The data-* options as [name, value] pairs, leaving out empty ones and defaults.
  function options() {
    var data = new FormData(form);
    var out = [];
    ['clinic-name', 'booking-url', 'booking-phone', 'booking-email', 'crisis-region', 'exit-url',
      'accent', 'theme', 'locale', 'launcher-label', 'position', 'mode', 'target'].forEach(function (name) {
      var value = String(data.get(name) || '').trim();
      if (name === 'accent' && value.toLowerCase() === DEFAULT_ACCENT) value = '';
      if (name === 'target' && data.get('mode') !== 'inline') value = '';
      if (value) out.push([name, value]);
    });
    ['packs', 'checkins'].forEach(function (name) {
      var values = data.getAll(name);
      if (values.length) out.push([name, values.join(',')]);
    });
    var reminder = data.get('checkin-reminder');
    if (reminder && data.getAll('checkins').length) out.push(['checkin-reminder', reminder]);
    return out;
  }

  function attribute(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  function tag(pairs) {
    var lines = ['<script src="' + attribute(loader) + '"'];
    if (hasIntegrity) lines.push('        integrity="' + integrity + '" crossorigin="anonymous"');
    pairs.forEach(function (p) { lines.push('        data-' + p[0] + '="' + attribute(p[1]) + '"'); });
    lines.push('        async></' + 'script>');
    return lines.join('\n');
  }

  function update() {
    var pairs = options();
    snippet.textContent = tag(pairs);
    clearTimeout(timer);
    // The preview reloads after typing pauses, not on every key.
    timer = setTimeout(function () {
      preview.src = 'preview.html?' + new URLSearchParams(pairs).toString();
    }, 400);
  }

  // Nothing is ever submitted (and the page's policy forbids it).
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  document.getElementById('copy').addEventListener('click', function () {
    var status = document.getElementById('copied');
    navigator.clipboard.writeText(snippet.textContent).then(function () {
      status.textContent = 'Copied.';
    }, function () {
      // No clipboard permission: select the text so Ctrl+C / Cmd+C works.
      var range = document.createRange();
      range.selectNodeContents(snippet);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = 'Selected: press Ctrl+C (or Cmd+C) to copy.';
    });
  });
  update();
})();
