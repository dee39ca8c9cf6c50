// The snippet builder: turns the form into the exact script tag a clinic
// pastes, with the build's Subresource Integrity hash, and shows it live in
// a preview page that holds the real loader. Each field is checked with the
// widget's own rules (src/config.rs, mirrored below; the end-to-end test
// tests/e2e/builder.test.mjs checks that both give the same verdicts), and
// a value the widget would refuse never goes into the tag. Nothing leaves
// this page.
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
  var copy = document.getElementById('copy');
  var incomplete = document.getElementById('incomplete');
  var integrity = document.body.dataset.integrity;
  var hasIntegrity = /^sha384-/.test(integrity);
  var loader = new URL('../embed.js', location.href).href;
  var timer;

  // --- The widget's rules, one per field: '' when the value is accepted,
  // else what to change. An empty field is never a problem (the attribute
  // is left out), except the crisis region, which must be chosen.

  // The widget counts lengths in UTF-8 bytes.
  function bytes(value) { return new TextEncoder().encode(value).length; }

  // http_url in src/config.rs.
  function webAddress(value) {
    var host = value.replace(/^https?:\/\//i, '');
    if (host === value) return 'Write the whole address, starting with https:// (as in your browser\'s address bar).';
    if (/[\s\0-\x1f\x7f-\x9f"<>]/.test(value)) return 'Take out the spaces and any " < > characters.';
    host = host.split(/[/?#]/)[0];
    if (!host) return 'Add the site\'s name after https://.';
    if (host.indexOf('@') >= 0) return 'Take out the part before the @ sign.';
    if (bytes(value) > 2048) return 'Too long: at most 2,048 characters.';
    return '';
  }

  // Contrast as the widget computes it (src/model/theme.rs): WCAG ratio in
  // hundredths, rounded down.
  function luminance(rgb) {
    return rgb.reduce(function (sum, v, i) {
      v /= 255;
      return sum + [0.2126, 0.7152, 0.0722][i] * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    }, 0);
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return Math.floor((Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05) * 100);
  }
  // The light scheme's page, surface and text on the accent.
  var LIGHT = [[0xfb, 0xfa, 0xf7], [255, 255, 255]];
  function worst(rgb) { return Math.min.apply(null, LIGHT.map(function (b) { return contrast(rgb, b); })); }
  function hex(rgb) { return '#' + rgb.map(function (v) { return (v < 16 ? '0' : '') + v.toString(16); }).join(''); }
  function ratio(hundredths) { return Math.floor(hundredths / 100) + '.' + String(hundredths % 100).padStart(2, '0') + ':1'; }

  var RULES = {
    'crisis-region': function (value) {
      return value ? '' : 'Choose a region: the tag is not finished without it.';
    },
    'booking-url': webAddress,
    'exit-url': webAddress,
    // phone in src/config.rs.
    'booking-phone': function (value) {
      if (!/^[0-9 +\-().]*$/.test(value)) return 'Use only digits, spaces and + - ( ) .';
      var digits = value.replace(/[^0-9]/g, '').length;
      if (digits < 3 || digits > 20) return 'A phone number has 3 to 20 digits.';
      if (value.length > 32) return 'Too long: at most 32 characters.';
      return '';
    },
    // email in src/config.rs.
    'booking-email': function (value) {
      var at = value.indexOf('@');
      var domain = value.slice(at + 1);
      var ok = at > 0 && domain.indexOf('.') >= 0 && domain[0] !== '.' && domain.slice(-1) !== '.' &&
        value.length <= 254 && /^[A-Za-z0-9@.\-_+]+$/.test(value);
      return ok ? '' : 'Write an address like bookings@your-clinic.example (letters, digits and . - _ + only).';
    },
    // content_pack_name in src/config.rs.
    'content-pack': function (value) {
      var ok = value.length >= 6 && value.length <= 80 && /\.json$/.test(value) && value[0] !== '.' &&
        /^[A-Za-z0-9._-]+$/.test(value);
      return ok ? '' : 'Only a plain file name ending in .json, such as prompts.json: no folders or addresses.';
    },
    // The loader (public/embed.js) looks the container up on your page.
    target: function (value) {
      if (form.elements.mode.value !== 'inline') return '';
      if (!value) return 'Give the container\'s selector, such as #journal.';
      try { document.createDocumentFragment().querySelector(value); } catch (e) {
        return 'This is not a CSS selector, such as #journal or .journal.';
      }
      return '';
    },
    // Rgb::parse and Accent::from_brand in src/model/theme.rs: a colour
    // too pale is used darkened, in 2% steps, and the widget says so. Not
    // an error: the value stays in the tag.
    accent: function (value) {
      var rgb = [1, 3, 5].map(function (i) { return parseInt(value.substr(i, 2), 16); });
      if (worst(rgb) >= 450) return '';
      for (var p = 2; p <= 100; p += 2) {
        var used = rgb.map(function (v) { return v - Math.trunc(v * p / 100); });
        if (worst(used) >= 450) break;
      }
      return 'Note: ' + value + ' has ' + ratio(worst(rgb)) + ' contrast with white text, below the 4.5:1 ' +
        'that keeps it readable; visitors see ' + hex(used) + ' (' + ratio(worst(used)) + ') instead.';
    },
  };
  // A note, not a refusal: the value is still used.
  var NOTES = { accent: true };

  // A message line under each checked field, named by its aria-describedby.
  Object.keys(RULES).forEach(function (name) {
    var field = form.elements[name];
    var message = document.createElement('p');
    message.className = 'problem';
    message.id = name + '-problem';
    var hint = document.getElementById(name + '-hint');
    (hint || field).after(message);
    field.setAttribute('aria-describedby', (hint ? hint.id + ' ' : '') + message.id);
  });

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

  // What the widget would say of each checked field now: name -> message.
  function verdicts() {
    var out = {};
    Object.keys(RULES).forEach(function (name) {
      var value = form.elements[name].value.trim();
      out[name] = value || name === 'crisis-region' ? RULES[name](value) : '';
    });
    return out;
  }

  // The data-* options as [name, value] pairs, leaving out empty ones,
  // defaults and values the widget would refuse.
  function options(problems) {
    var data = new FormData(form);
    var out = [];
    ['clinic-name', 'booking-url', 'booking-phone', 'booking-email', 'crisis-region', 'exit-url',
      'accent', 'theme', 'locale', 'launcher-label', 'position', 'mode', 'target', 'content-pack'].forEach(function (name) {
      var value = String(data.get(name) || '').trim();
      if (name === 'accent' && value.toLowerCase() === DEFAULT_ACCENT) value = '';
      if (name === 'target' && data.get('mode') !== 'inline') value = '';
      // An inline widget without a usable container falls back to the
      // button anyway; say so in the tag by leaving both out.
      if (name === 'mode' && problems.target) value = '';
      if (problems[name] && !NOTES[name]) value = '';
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

  // Shows (or clears) each field's message and marks refused values.
  function showProblems(problems) {
    Object.keys(problems).forEach(function (name) {
      var field = form.elements[name];
      document.getElementById(name + '-problem').textContent = problems[name];
      document.getElementById(name + '-problem').classList.toggle('note', !!NOTES[name]);
      if (problems[name] && !NOTES[name]) field.setAttribute('aria-invalid', 'true');
      else field.removeAttribute('aria-invalid');
    });
  }

  function attribute(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  function tag(pairs, unfinished) {
    var lines = ['<script src="' + attribute(loader) + '"'];
    if (hasIntegrity) lines.push('        integrity="' + integrity + '" crossorigin="anonymous"');
    pairs.forEach(function (p) { lines.push('        data-' + p[0] + '="' + attribute(p[1]) + '"'); });
    lines.push('        async></' + 'script>');
    // Marked in the tag itself, should it be copied by hand.
    if (unfinished) lines.unshift('<!-- Not finished: ' + unfinished + ' -->');
    return lines.join('\n');
  }

  // Messages show when typing pauses (or the field is left), not on every
  // key; the tag itself never holds a refused value, even mid-word.
  function update(event) {
    var problems = verdicts();
    var pairs = options(problems);
    var refused = Object.keys(problems).filter(function (name) { return problems[name] && !NOTES[name]; });
    var unfinished = problems['crisis-region'] ? 'choose a crisis region'
      : refused.length ? 'fix the fields with a message; until then they are left out' : '';
    snippet.textContent = tag(pairs, unfinished);
    incomplete.textContent = unfinished ? 'Not ready to copy: ' + unfinished + '.' : '';
    copy.disabled = !!unfinished;
    clearTimeout(timer);
    if (!event || event.type === 'change') showProblems(problems);
    timer = setTimeout(function () {
      showProblems(problems);
      preview.src = 'preview.html?' + new URLSearchParams(pairs).toString();
    }, 400);
  }

  // Nothing is ever submitted (and the page's policy forbids it).
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  copy.addEventListener('click', function () {
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
