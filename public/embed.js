/*! Interlude loader: loads the widget only when used, sends nothing (README) */
/* Settings go in the iframe's #fragment, never to a server; no network
 * calls, no inline styles; accepts only {interlude:1,type:"close"|"exit"}
 * from the widget's own iframe and origin. */
/* What visitors write stays in the widget's iframe, on its own origin.
 * Quick exit (the widget's button, or Shift 3 times) replaces this page. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__interludeLoader) return;
  window.__interludeLoader = true;

  var data = script.dataset;
  var page = new URL('index.html', new URL('./', script.src));
  var widgetOrigin = page.origin;
  var params = new URLSearchParams();
  var pairs = [['clinic', data.clinicName], ['booking', data.bookingUrl], ['phone', data.bookingPhone],
    ['email', data.bookingEmail], ['region', data.crisisRegion], ['checkins', data.checkins],
    ['reminder', data.checkinReminder], ['packs', data.packs], ['accent', data.accent],
    ['theme', data.theme], ['content', data.contentPack], ['locale', data.locale]];
  pairs.forEach(function (p) { if (p[1] != null) params.set(p[0], p[1]); });
  var exitUrl = 'https://www.bbc.com/weather';
  try {
    var u = new URL(data.exitUrl);
    if (/^https?:$/.test(u.protocol)) exitUrl = u.href;
  } catch (e) { /* missing or invalid: keep the default */ }
  params.set('exit', exitUrl);
  var iframe, panel, launcher, open = false;
  var side = data.position === 'left' ? 'left' : 'right';
  var brand = launcherColour(data.accent);
  // Launcher and frame title in the clinic's language, else the browser's.
  var lang = (data.locale || navigator.language || '').slice(0, 2).toLowerCase();
  var words = { es: ['Reflexionar en privado', 'Espacio privado de reflexión'],
    ar: ['تأمّل بخصوصية', 'مساحة خاصة للتأمل'] }[lang] || ['Reflect privately', 'Private reflection space'];

  // The launcher's colour: the clinic's accent, darkened in 2% steps until
  // white text on it has 4.5:1 contrast (the widget adjusts the same way
  // for its own backgrounds, in src/model/theme.rs); the default when the
  // value is not #rgb or #rrggbb.
  function launcherColour(value) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value || '').trim());
    if (!m) return '#2f5d62';
    var hex = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
    var rgb = [0, 2, 4].map(function (i) { return parseInt(hex.substr(i, 2), 16); });
    for (var p = 0; p <= 100; p += 2) {
      var c = rgb.map(function (v) { return v - Math.trunc(v * p / 100); });
      var l = c.reduce(function (s, v, i) {
        v /= 255;
        return s + [0.2126, 0.7152, 0.0722][i] * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
      }, 0);
      if (Math.floor(105 / (l + 0.05)) >= 450) return 'rgb(' + c.join(',') + ')';
    }
    return '#000';
  }

  function style(el, props) { for (var k in props) el.style[k] = props[k]; return el; }

  function makeFrame(mode) {
    params.set('mode', mode);
    params.set('host', location.origin);
    iframe = document.createElement('iframe');
    iframe.title = words[1];
    iframe.referrerPolicy = 'no-referrer';
    iframe.src = page.href + '#' + params.toString();
    return style(iframe, { border: '0', width: '100%', height: '100%', display: 'block' });
  }

  function setOpen(value) {
    open = value;
    panel.hidden = !value;
    launcher.setAttribute('aria-expanded', String(value));
    if (value) iframe.focus(); else launcher.focus();
  }

  function toggle() {
    if (!panel) {
      panel = style(document.createElement('div'), {
        position: 'fixed', bottom: '80px', zIndex: '2147483000',
        width: 'min(26rem, calc(100vw - 2rem))', height: 'min(42rem, calc(100vh - 7rem))',
        borderRadius: '12px', overflow: 'hidden', background: '#fff',
        boxShadow: '0 8px 32px rgba(0,0,0,.25)'
      });
      panel.style[side] = '16px';
      panel.id = 'interlude-panel';
      panel.appendChild(makeFrame('launcher'));
      document.body.appendChild(panel);
      iframe.addEventListener('load', function () { if (open) iframe.focus(); });
    }
    setOpen(!open);
  }

  function drawLauncher() {
    launcher = style(document.createElement('button'), {
      position: 'fixed', bottom: '16px', zIndex: '2147483000',
      minWidth: '44px', minHeight: '48px', padding: '12px 20px', border: '2px solid #fff',
      borderRadius: '24px', background: brand, color: '#fff', cursor: 'pointer',
      font: '600 16px/1.2 system-ui, sans-serif', boxShadow: '0 2px 12px rgba(0,0,0,.25)'
    });
    launcher.style[side] = '16px';
    launcher.type = 'button';
    launcher.textContent = data.launcherLabel || words[0];
    launcher.dir = 'auto';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'interlude-panel');
    launcher.addEventListener('click', toggle);
    document.body.appendChild(launcher);
    document.addEventListener('keydown', function (e) {
      if (open && e.key === 'Escape') setOpen(false);
    });
  }

  // Replace, so Back does not return here.
  function exit() {
    if (iframe) iframe.remove();
    location.replace(exitUrl);
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!iframe || e.origin !== widgetOrigin || e.source !== iframe.contentWindow) return;
    if (!m || typeof m !== 'object' || m.interlude !== 1) return;
    if (m.type === 'exit') exit();
    else if (m.type === 'close' && panel && open) setOpen(false);
  });

  // Shift 3 times, each within 5 s, once the widget is open; not capitals.
  var presses = 0, lastPress = 0, shiftDown = false, withOther = false;
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Shift') { if (!e.repeat) { shiftDown = true; withOther = false; } return; }
    if (shiftDown) withOther = true;
    presses = 0;
  });
  document.addEventListener('keyup', function (e) {
    if (e.key !== 'Shift') return;
    var lone = shiftDown && !withOther, now = Date.now();
    shiftDown = false;
    if (!lone) { presses = 0; return; }
    if (now - lastPress > 5000) presses = 0;
    lastPress = now;
    if (++presses === 3 && iframe) exit();
  });

  function start() {
    if (data.mode === 'inline') {
      var target = null;
      try { target = document.querySelector(data.target || ''); } catch (e) { /* invalid selector */ }
      if (target) {
        target.appendChild(style(makeFrame('inline'), { height: '40rem' }));
        return;
      }
      console.error('Interlude: data-target "' + (data.target || '') +
        '" does not match an element on this page; showing the launcher instead.');
    }
    drawLauncher();
  }

  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
