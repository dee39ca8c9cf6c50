/*! Interlude loader. Every data-* option is documented in the README.
 * Draws a launcher (or, inline, the widget) and loads nothing of the widget
 * before it is used. What visitors write stays in the widget's iframe, on its
 * own origin; settings travel in the iframe URL's #fragment, never sent to a
 * server. No network calls here, and no <style> or style="" (strict-CSP safe).
 * Accepts only {interlude: 1, type: "close"|"exit"} from the widget iframe's
 * window and origin. Quick exit (that, or Shift 3 times) replaces this page.
 */
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
    ['reminder', data.checkinReminder], ['packs', data.packs]];
  pairs.forEach(function (p) { if (p[1] != null) params.set(p[0], p[1]); });
  var exitUrl = 'https://www.bbc.com/weather';
  try {
    var u = new URL(data.exitUrl);
    if (/^https?:$/.test(u.protocol)) exitUrl = u.href;
  } catch (e) { /* missing or invalid: keep the default */ }
  params.set('exit', exitUrl);
  var iframe, panel, launcher, open = false;

  function style(el, props) { for (var k in props) el.style[k] = props[k]; return el; }

  function makeFrame(mode) {
    params.set('mode', mode);
    params.set('host', location.origin);
    iframe = document.createElement('iframe');
    iframe.title = 'Private reflection space';
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
        position: 'fixed', right: '16px', bottom: '80px', zIndex: '2147483000',
        width: 'min(26rem, calc(100vw - 2rem))', height: 'min(42rem, calc(100vh - 7rem))',
        borderRadius: '12px', overflow: 'hidden', background: '#fff',
        boxShadow: '0 8px 32px rgba(0,0,0,.25)'
      });
      panel.id = 'interlude-panel';
      panel.appendChild(makeFrame('launcher'));
      document.body.appendChild(panel);
      iframe.addEventListener('load', function () { if (open) iframe.focus(); });
    }
    setOpen(!open);
  }

  function drawLauncher() {
    launcher = style(document.createElement('button'), {
      position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483000',
      minWidth: '44px', minHeight: '48px', padding: '12px 20px', border: '2px solid #fff',
      borderRadius: '24px', background: '#2f5d62', color: '#fff', cursor: 'pointer',
      font: '600 16px/1.2 system-ui, sans-serif', boxShadow: '0 2px 12px rgba(0,0,0,.25)'
    });
    launcher.type = 'button';
    launcher.textContent = data.launcherLabel || 'Reflect privately';
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
