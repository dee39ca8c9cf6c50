/*! Interlude loader: sends nothing (README) */
/* Settings go in the iframe's #fragment, never to a server; no network
 * calls; styles only through element.style (the CSSOM, which a page's
 * strict Content-Security-Policy allows), never <style> elements or
 * markup; accepts only {interlude:1,type:"close"|"exit"} from the widget's
 * own iframe and origin. */
/* What visitors write stays in the widget's iframe, on its own origin.
 * Quick exit (the widget's button, or Shift 3 times) replaces this page. */
(function () {
  var script = document.currentScript;
  if (!script || window.__interludeLoader) return;
  window.__interludeLoader = true;

  var data = script.dataset;
  var page = new URL('index.html', script.src);
  var params = new URLSearchParams();
  // Every data-* attribute, under the widget's name for it where that
  // differs; it ignores those it does not read (mode and host are set
  // below). The exit address goes as written too, so that the widget
  // reports a bad one on the console like any other setting.
  var names = { clinicName: 'clinic', bookingUrl: 'booking', bookingPhone: 'phone', bookingEmail: 'email',
    crisisRegion: 'region', checkinReminder: 'reminder', contentPack: 'content', exitUrl: 'exit' };
  for (var name in data) params.set(names[name] || name, data[name]);
  // The widget's rule for web addresses (http_url in src/config.rs, but
  // for its 2,048-byte limit), so both leave for the same page.
  var exitUrl = (data.exitUrl || '').trim();
  if (!/^https?:\/\/[^/?#@\s\0-\x1f\x7f-\x9f"<>]+([/?#][^\s\0-\x1f\x7f-\x9f"<>]*)?$/i.test(exitUrl)) {
    exitUrl = 'https://www.bbc.com/weather';
  }
  // Not a silent default: visitors in distress would see lines for no
  // country. (The widget itself reports values it does not know.)
  if (data.crisisRegion == null) {
    console.warn('Interlude: data-crisis-region is missing: visitors see international crisis lines only ' +
      '(112, a helpline directory). Set yours, e.g. data-crisis-region="US".');
  }
  var root, iframe, launcher, open = false, locked = false, overflow;
  var side = data.position === 'left' ? 'left' : 'right';
  var brand = launcherColour(data.accent);
  // Phones, and short landscape screens, get the whole screen.
  var small = matchMedia('(max-width:640px),(max-height:560px)');
  var html = document.documentElement.style;
  // Launcher and frame title in the clinic's language, else the browser's.
  var lang = (data.locale || navigator.language).slice(0, 2).toLowerCase();
  var words = { es: ['Reflexionar en privado', 'Espacio privado de reflexión'],
    ar: ['تأمّل بخصوصية', 'مساحة خاصة للتأمل'] }[lang] || ['Reflect privately', 'Private reflection space'];

  // The launcher's colour: the clinic's accent, darkened in 2% steps until
  // white text on it has 4.5:1 contrast (the widget adjusts the same way
  // for its own backgrounds, in src/model/theme.rs); the default when the
  // value is not #rgb or #rrggbb.
  function launcherColour(hex) {
    hex = (hex || '').trim();
    if (!/^#([\da-f]{3}){1,2}$/i.test(hex)) return '#2f5d62';
    if (hex.length < 5) hex = hex.replace(/\w/g, '$&$&');
    // Black (at 100%) always passes, so the loop ends.
    for (var p = 0, c, l; ; p += 2) {
      l = 0.05;
      c = [1, 3, 5].map(function (i, j) {
        var v = parseInt(hex.substr(i, 2), 16);
        // v * p / 100 rounded towards zero, as the widget's integers do.
        v -= v * p / 100 | 0;
        // WCAG's curve without its straight start (under 10/255), which
        // only ever reads a channel as lighter: a colour on the edge may
        // come out one step darker than in the widget, never less readable.
        l += [0.2126, 0.7152, 0.0722][j] * ((v / 255 + 0.055) / 1.055) ** 2.4;
        return v;
      });
      // White on it: (1 + 0.05) / (l + 0.05) >= 4.5, in hundredths as the widget counts.
      if (105 / l >= 450) return 'rgb(' + c + ')';
    }
  }

  function makeFrame(mode) {
    params.set('mode', mode);
    params.set('host', location.origin);
    iframe = document.createElement('iframe');
    iframe.title = words[1];
    iframe.referrerPolicy = 'no-referrer';
    iframe.src = page.href + '#' + params;
    return iframe;
  }

  // The open widget fills a small screen (its content inside the notch's
  // safe area) and floats above the launcher on a larger one; run again
  // when the screen turns or changes size. The iframe is the panel: it
  // takes padding, rounded corners and a shadow itself.
  function layout() {
    var full = small.matches;
    iframe.style.cssText = 'position:fixed;z-index:2147483000;border:0;background:#fff;box-sizing:border-box;' + (full
      ? 'inset:0;width:100%;height:100%;padding:env(safe-area-inset-top) env(safe-area-inset-right) ' +
        'env(safe-area-inset-bottom) env(safe-area-inset-left)'
      // In px, not rem: a page's `html { font-size: 62.5% }` would shrink it.
      : 'bottom:80px;' + side + ':16px;width:min(416px,100vw - 32px);height:min(672px,100vh - 112px);' +
        'border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25)');
    full = full && open;
    // Under a full-screen panel the launcher is hidden (nothing to tab to
    // or tap behind it) and the page does not scroll; the page's own
    // overflow comes back when the panel closes or stops filling the screen.
    launcher.hidden = full;
    if (full != locked) {
      if (full) overflow = html.overflow;
      html.overflow = full ? 'hidden' : overflow;
      locked = full;
    }
  }

  function setOpen(value) {
    open = value;
    iframe.hidden = !value;
    launcher.setAttribute('aria-expanded', value);
    layout();
    (value ? iframe : launcher).focus();
  }

  function toggle() {
    if (!iframe) {
      root.appendChild(makeFrame('launcher'));
      iframe.onload = function () { if (open) iframe.focus(); };
      small.onchange = layout;
    }
    setOpen(!open);
  }

  // The launcher and panel live in a shadow root, out of reach of the
  // page's stylesheets; `all: initial` on the host stops the page's
  // inherited text styles (font, colour, spacing, case) reaching them.
  // Not a privacy boundary: that is the iframe's own origin.
  function drawLauncher() {
    var host = document.createElement('interlude-widget');
    host.style.cssText = 'all:initial!important';
    root = host.attachShadow({ mode: 'open' });
    launcher = root.appendChild(document.createElement('button'));
    launcher.style.cssText = 'position:fixed;bottom:16px;' + side + ':16px;z-index:2147483000;' +
      'padding:12px 20px;border:2px solid #fff;border-radius:24px;' +
      // 48 px high: 12 + 20 (line) + 12, and the border.
      'background:' + brand + ';color:#fff;cursor:pointer;font:600 16px/20px system-ui,sans-serif;' +
      'box-shadow:0 2px 12px rgba(0,0,0,.25)';
    // No type="button" needed: in a shadow root it belongs to no form.
    launcher.textContent = data.launcherLabel || words[0];
    launcher.dir = 'auto';
    launcher.setAttribute('aria-expanded', false);
    launcher.onclick = toggle;
    document.body.appendChild(host);
  }

  // Replace, so Back does not return here.
  function exit() {
    iframe.remove();
    location.replace(exitUrl);
  }

  addEventListener('message', function (e) {
    var m = e.data;
    if (!iframe || e.origin !== page.origin || e.source !== iframe.contentWindow || !m || m.interlude !== 1) return;
    if (m.type === 'exit') exit();
    if (m.type === 'close' && open) setOpen(false);
  });

  // Escape closes the panel. Shift 3 times, each within 5 s, once the
  // widget is open, leaves; not Shift used for capitals: `lone` is a
  // Shift press with no other key before its release.
  var presses = 0, lastPress = 0, lone = 0;
  // On the window, capturing: the page's own handlers cannot stop them.
  addEventListener('keydown', function (e) {
    if (open && e.key === 'Escape') setOpen(false);
    if (e.key !== 'Shift') lone = presses = 0;
    else if (!e.repeat) lone = 1;
  }, true);
  addEventListener('keyup', function (e) {
    if (e.key !== 'Shift') return;
    var now = e.timeStamp;
    // A lone press counts on from the last within 5 s, else starts again.
    presses = lone && now - lastPress <= 5000 ? presses + 1 : lone;
    lastPress = now;
    lone = 0;
    if (presses === 3 && iframe) exit();
  }, true);

  function start() {
    var selector = data.target || '';
    if (data.mode === 'inline') {
      var target;
      try { target = document.querySelector(selector); } catch (e) { /* invalid selector */ }
      if (target) {
        target.appendChild(makeFrame('inline')).style.cssText = 'border:0;width:100%;height:40rem;display:block';
        return;
      }
      console.error('Interlude: data-target "' + selector + '" matches nothing; showing the button.');
    }
    drawLauncher();
  }

  if (document.body) start(); else addEventListener('DOMContentLoaded', start);
})();
