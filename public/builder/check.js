// "Check my deployment": reads the headers this widget origin sends for the
// widget's own files and says, item by item, whether the ones a clinic must
// send are there and right, with the fix for each. The headers to send are
// in deploy/ and in the README ("Headers for the widget origin").
//
// Every request goes to this page's own origin (relative addresses, the
// widget's folder is the one above builder/), with cache: 'no-store' so
// neither the browser's cache nor the widget's service worker (public/sw.js
// lets such requests through) answers with old headers. Nothing is sent
// anywhere else. Checked end to end by tests/e2e/builder.test.mjs and, on
// the release archive served by nginx, tests/e2e/release.test.mjs.
(function () {
  'use strict';
  var form = document.getElementById('check-form');
  var siteField = document.getElementById('check-site');
  var siteProblem = document.getElementById('check-site-problem');
  var button = document.getElementById('check');
  var status = document.getElementById('check-status');
  var list = document.getElementById('check-results');
  var base = new URL('../', location.href);
  var VERDICTS = { ok: 'Right', fix: 'Needs fixing', improve: 'Could be better', unknown: 'Could not check' };
  // A year, as deploy/ sends for files with a hash in their name; a week
  // at least counts as long caching.
  var LONG = 604800;

  // --- Reading what the host sent.

  // GET path (relative to the widget's folder) from this origin only. The
  // body is read for index.html (to find the hashed file names), else
  // dropped.
  function get(path, keepBody) {
    var url = new URL(path, base);
    if (url.origin !== location.origin) return Promise.resolve({ path: path, error: 'not on this site' });
    return fetch(url.href, { cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
      var done = keepBody ? response.text() : (response.body ? response.body.cancel() : Promise.resolve());
      return done.then(function (body) {
        return { path: path, status: response.status, ok: response.ok, headers: response.headers, body: body };
      });
    }, function (error) {
      return { path: path, error: String(error && error.message || error) };
    });
  }

  function header(file, name) {
    return file && file.headers ? file.headers.get(name) : null;
  }

  // Content-Security-Policy: one map of directive -> sources per policy
  // (several headers arrive joined by commas).
  function policies(value) {
    if (!value) return [];
    return value.split(',').map(function (text) {
      var policy = {};
      text.split(';').forEach(function (part) {
        var tokens = part.trim().split(/\s+/).filter(Boolean);
        var name = (tokens[0] || '').toLowerCase();
        if (name && !(name in policy)) policy[name] = tokens.slice(1);
      });
      return policy;
    }).filter(function (policy) { return Object.keys(policy).length > 0; });
  }

  // The sources a fetch directive allows in one policy, following the
  // fallbacks; null when nothing limits it.
  function effective(policy, names) {
    for (var i = 0; i < names.length; i++) {
      if (policy[names[i]]) return policy[names[i]].map(function (s) { return s.toLowerCase(); });
    }
    return null;
  }

  function cacheControl(file) {
    var value = (header(file, 'cache-control') || '').toLowerCase();
    var age = /(?:^|[\s,])max-age\s*=\s*"?(\d+)/.exec(value);
    return {
      text: value,
      maxAge: age ? Number(age[1]) : null,
      noCache: /(?:^|[\s,])no-(?:cache|store)\b/.test(value),
      immutable: /\bimmutable\b/.test(value),
    };
  }

  function mime(file) {
    return (header(file, 'content-type') || '').split(';')[0].trim().toLowerCase();
  }

  function origin(text) {
    try {
      var url = new URL(text);
      return /^https?:$/.test(url.protocol) ? url.origin : null;
    } catch (e) { return null; }
  }

  // Whether a frame-ancestors source list lets pages of `site` frame us.
  function allows(sources, site) {
    var url = new URL(site);
    return sources.some(function (source) {
      source = source.toLowerCase().replace(/\/+$/, '');
      if (source === site.toLowerCase() || (source === '\'self\'' && site === location.origin)) return true;
      var wild = /^(https?:\/\/)\*\.([^/:]+)(:\d+)?$/.exec(source);
      return !!wild && url.protocol + '//' === wild[1] && url.hostname.endsWith('.' + wild[2]) &&
        (wild[3] || '') === (url.port ? ':' + url.port : '');
    });
  }

  function days(seconds) {
    if (seconds >= 86400) return Math.round(seconds / 86400) + ' days';
    if (seconds >= 3600) return Math.round(seconds / 3600) + ' hours';
    return seconds + ' seconds';
  }

  function joined(parts) { return parts.join('; '); }

  // --- The items. Each returns { verdict, found, fix }.

  function httpsItem() {
    if (location.protocol === 'https:') return { verdict: 'ok', found: 'This site is served over HTTPS.' };
    if (window.isSecureContext) {
      return { verdict: 'ok', found: 'This is a local address (' + location.origin + '), which browsers trust for ' +
        'testing. Your real widget site must use https://.' };
    }
    return { verdict: 'fix', found: 'This site is served over plain http://.',
      fix: 'Serve the widget over HTTPS. Browsers refuse to run its offline part without it, and pages on ' +
        'https:// sites warn about or block it.' };
  }

  function frameAncestorsItem(index, site) {
    var all = policies(header(index, 'content-security-policy'));
    var lists = all.filter(function (p) { return p['frame-ancestors']; }).map(function (p) { return p['frame-ancestors']; });
    var example = 'frame-ancestors \'self\' ' + (site || 'https://www.your-clinic.example');
    if (!lists.length) {
      return { verdict: 'fix',
        found: (all.length ? 'The Content-Security-Policy has no frame-ancestors' : 'There is no Content-Security-Policy header') +
          ', so any website could show the widget inside its own page.',
        fix: 'Add "' + example + '" (your site\'s address) to the Content-Security-Policy.' };
    }
    var shown = lists.map(function (l) { return l.join(' '); }).join(' and ');
    var wide = lists.every(function (l) {
      return l.some(function (s) { return s === '*' || /^(https?:)?(\/\/)?\*?$/.test(s) || /^https?:\/\/\*$/.test(s); });
    });
    if (wide) {
      return { verdict: 'fix', found: 'frame-ancestors allows any website: ' + shown + '.',
        fix: 'Name only your own site: "' + example + '".' };
    }
    if (lists.some(function (l) { return l.some(function (s) { return /your-clinic\.example/i.test(s); }); })) {
      return { verdict: 'fix', found: 'frame-ancestors still names the example address: ' + shown + '.',
        fix: 'Replace https://www.your-clinic.example with your site\'s address, where you paste the tag.' };
    }
    if (site) {
      var refused = lists.filter(function (l) { return !allows(l, site); });
      if (refused.length) {
        return { verdict: 'fix', found: 'frame-ancestors does not include ' + site + ': ' + shown + '.',
          fix: 'Add ' + site + ' to frame-ancestors, or the widget will not open on your pages.' };
      }
      return { verdict: 'ok', found: 'Your site (' + site + ') may show the widget: frame-ancestors ' + shown + '.' };
    }
    var onlySelf = lists.some(function (l) {
      return l.every(function (s) { return s === '\'self\'' || s === '\'none\''; });
    });
    if (onlySelf) {
      return { verdict: 'fix', found: 'frame-ancestors allows no other site: ' + shown + '.',
        fix: 'Your site\'s pages cannot show the widget. Add your site\'s address: "' + example + '".' };
    }
    return { verdict: 'ok', found: 'Only the sites named may show the widget: frame-ancestors ' + shown +
      '. Type your site\'s address above to check that it is one of them.' };
  }

  function policyItem(index) {
    var all = policies(header(index, 'content-security-policy'));
    if (!all.length) {
      return { verdict: 'fix', found: 'There is no Content-Security-Policy header, so nothing limits what the widget ' +
        'page may load, or where it may send what is typed.',
        fix: 'Send the policy in deploy/, changing only frame-ancestors.' };
    }
    var breaks = [];
    var weaker = [];
    var needs = [
      [['script-src', 'default-src'], ['\'self\''], 'script-src needs \'self\''],
      [['script-src', 'default-src'], ['\'wasm-unsafe-eval\'', '\'unsafe-eval\''], 'script-src needs \'wasm-unsafe-eval\' (the widget is WebAssembly)'],
      [['style-src', 'default-src'], ['\'self\''], 'style-src needs \'self\''],
      [['connect-src', 'default-src'], ['\'self\''], 'connect-src needs \'self\' (the language files and your prompts)'],
      [['worker-src', 'child-src', 'script-src', 'default-src'], ['\'self\''], 'worker-src needs \'self\' (offline use)'],
    ];
    all.forEach(function (policy) {
      needs.forEach(function (need) {
        var sources = effective(policy, need[0]);
        if (sources && sources.indexOf('*') < 0 && !need[1].some(function (s) { return sources.indexOf(s) >= 0; })) {
          if (breaks.indexOf(need[2]) < 0) breaks.push(need[2]);
        }
      });
    });
    var strictest = function (names, loose) {
      return all.some(function (policy) {
        var sources = effective(policy, names);
        return sources && !sources.some(loose);
      });
    };
    if (!all.some(function (p) { return p['default-src']; })) weaker.push('no default-src, so what it does not name is allowed');
    if (!strictest(['script-src', 'default-src'], function (s) {
      return s === '\'unsafe-inline\'' || s === '\'unsafe-eval\'' || s === '*' || /^(https?|data|blob):$/.test(s) || /^https?:\/\//.test(s);
    })) weaker.push('script-src allows more than this site\'s own scripts');
    if (!strictest(['connect-src', 'default-src'], function (s) { return s !== '\'self\'' && s !== '\'none\''; })) {
      weaker.push('connect-src lets the page send data to other sites');
    }
    ['base-uri', 'form-action'].forEach(function (name) {
      if (!all.some(function (p) { return p[name]; })) weaker.push('no ' + name);
    });
    if (breaks.length) {
      return { verdict: 'fix', found: 'The policy stops the widget working: ' + joined(breaks) + '.',
        fix: 'Use the policy in deploy/ as it is, changing only frame-ancestors.' };
    }
    if (weaker.length) {
      return { verdict: 'improve', found: 'The policy lets the widget work but protects less than it could: ' + joined(weaker) + '.',
        fix: 'Use the policy in deploy/ as it is, changing only frame-ancestors.' };
    }
    return { verdict: 'ok', found: 'The widget page may load only this site\'s own files and send nothing elsewhere.' };
  }

  function referrerItem(index) {
    var value = header(index, 'referrer-policy');
    var last = value ? value.split(',').map(function (s) { return s.trim().toLowerCase(); }).filter(Boolean).pop() : '';
    if (last === 'no-referrer') return { verdict: 'ok', found: 'Referrer-Policy: no-referrer.' };
    return { verdict: 'fix', found: value ? 'Referrer-Policy: ' + value + '.' : 'There is no Referrer-Policy header.',
      fix: 'Send "Referrer-Policy: no-referrer", so no link or file of the widget tells another site where a visitor came ' +
        'from. (The widget page also asks for this itself; the header makes sure.)' };
  }

  function nosniffItem(files) {
    var missing = files.filter(function (f) {
      return f.ok && (header(f, 'x-content-type-options') || '').toLowerCase().indexOf('nosniff') < 0;
    }).map(function (f) { return f.path; });
    if (!missing.length) return { verdict: 'ok', found: 'X-Content-Type-Options: nosniff on every file checked.' };
    return { verdict: 'fix', found: 'No "X-Content-Type-Options: nosniff" on ' + missing.join(', ') + '.',
      fix: 'Send "X-Content-Type-Options: nosniff" for every file, so browsers use each file only as what it is.' };
  }

  function typesItem(wasm, js, css) {
    var wrong = [];
    if (wasm.ok && mime(wasm) !== 'application/wasm') wrong.push(wasm.path + ' is sent as "' + (mime(wasm) || 'no type') + '", not application/wasm');
    if (js.ok && !/^(text|application)\/(x-)?javascript$/.test(mime(js))) wrong.push(js.path + ' is sent as "' + (mime(js) || 'no type') + '", not text/javascript');
    if (css.ok && mime(css) !== 'text/css') wrong.push(css.path + ' is sent as "' + (mime(css) || 'no type') + '", not text/css');
    if (!wrong.length) return { verdict: 'ok', found: 'WebAssembly as application/wasm, scripts and styles with their types.' };
    return { verdict: 'fix', found: joined(wrong) + '.',
      fix: 'Tell your host the types: for .wasm, "types { application/wasm wasm; }" (nginx) or ' +
        '"AddType application/wasm .wasm" (Apache). Browsers start WebAssembly sent with another type slowly or not at all.' };
  }

  function hashedCacheItem(files) {
    var short = files.filter(function (f) {
      var c = cacheControl(f);
      return f.ok && (c.noCache || c.maxAge === null || c.maxAge < LONG);
    }).map(function (f) {
      var c = cacheControl(f);
      return f.path + (c.text ? ' (Cache-Control: ' + c.text + ')' : ' (no Cache-Control)');
    });
    if (!short.length) return { verdict: 'ok', found: 'Files with a hash in their name are kept for a long time.' };
    return { verdict: 'improve', found: 'Not kept long: ' + short.join(', ') + '.',
      fix: 'Send "Cache-Control: public, max-age=31536000, immutable" for files with a hash in their name ' +
        '(interlude-…, main-…): they never change, and visitors then download them once.' };
  }

  function freshItem(files) {
    var stale = [];
    var slow = [];
    var absent = [];
    files.forEach(function (f) {
      if (!f.ok) { absent.push(f.path); return; }
      var c = cacheControl(f);
      if (c.noCache || c.maxAge === 0) return;
      if (c.immutable || (c.maxAge !== null && c.maxAge > 3600)) stale.push(f.path + ' (kept for ' + days(c.maxAge || 31536000) + ')');
      else slow.push(f.path + (c.text ? ' (Cache-Control: ' + c.text + ')' : ' (no Cache-Control)'));
    });
    var fix = 'Send "Cache-Control: no-cache" for index.html, sw.js and embed.js, so browsers check for a new ' +
      'version each time.';
    if (stale.length) {
      return { verdict: 'fix', found: 'Browsers may keep old copies: ' + stale.join(', ') + '. After an update, visitors ' +
        'could get the old version (or a mix) for that long.', fix: fix };
    }
    if (absent.indexOf('sw.js') >= 0 && !slow.length) {
      return { verdict: 'improve', found: 'sw.js was not found, so the widget does not work offline. The others are checked for updates.',
        fix: 'Upload sw.js with the other files (see DEPLOY.md), served with "Cache-Control: no-cache".' };
    }
    if (slow.length) {
      return { verdict: 'improve', found: 'Browsers may wait before looking for updates: ' + slow.join(', ') + '.', fix: fix };
    }
    return { verdict: 'ok', found: 'index.html, sw.js and embed.js are checked for updates each time (no-cache).' };
  }

  function corsItem(embed, site) {
    var value = (header(embed, 'access-control-allow-origin') || '').trim();
    if (value === '*') return { verdict: 'ok', found: 'Access-Control-Allow-Origin: * on embed.js, so the tag\'s integrity check works.' };
    var fix = 'Send "Access-Control-Allow-Origin: *" for embed.js (it is public code), or leave integrity and ' +
      'crossorigin out of your tag (the loader then runs unchecked).';
    if (!value) {
      return { verdict: 'fix', found: 'embed.js has no Access-Control-Allow-Origin header. With the tag\'s ' +
        'integrity check, browsers refuse to load it, and the button does not appear.', fix: fix };
    }
    if (site && value.toLowerCase() === site.toLowerCase()) {
      return { verdict: 'ok', found: 'Access-Control-Allow-Origin: ' + value + ' on embed.js: your site may check it.' };
    }
    return { verdict: 'improve', found: 'Access-Control-Allow-Origin: ' + value + ' on embed.js: only pages on that ' +
      'address can use the tag\'s integrity check.', fix: fix };
  }

  function permissionsItem(index) {
    var value = (header(index, 'permissions-policy') || '').toLowerCase().replace(/\s+/g, '');
    var off = ['camera', 'microphone', 'geolocation'].filter(function (name) { return value.indexOf(name + '=()') < 0; });
    if (!off.length) return { verdict: 'ok', found: 'Permissions-Policy turns off camera, microphone and location.' };
    return { verdict: 'improve', found: value ? 'Permissions-Policy does not turn off ' + off.join(', ') + '.' : 'There is no Permissions-Policy header.',
      fix: 'Send "Permissions-Policy: camera=(), microphone=(), geolocation=()". The widget never asks for them; ' +
        'this makes sure nothing in its page can.' };
  }

  // --- Showing the result.

  function show(items) {
    list.textContent = '';
    var counts = { ok: 0, fix: 0, improve: 0, unknown: 0 };
    items.forEach(function (item) {
      counts[item.verdict] += 1;
      var li = document.createElement('li');
      li.className = 'result ' + item.verdict;
      li.dataset.item = item.id;
      li.dataset.verdict = item.verdict;
      var heading = document.createElement('h3');
      heading.textContent = item.name;
      var verdict = document.createElement('p');
      verdict.className = 'verdict';
      verdict.textContent = VERDICTS[item.verdict];
      var found = document.createElement('p');
      found.className = 'found';
      found.textContent = item.found;
      li.append(heading, verdict, found);
      if (item.fix && item.verdict !== 'ok') {
        var fix = document.createElement('p');
        fix.className = 'fix';
        var label = document.createElement('strong');
        label.textContent = 'How to fix: ';
        fix.append(label, item.fix);
        li.append(fix);
      }
      list.append(li);
    });
    var parts = [counts.ok + ' right'];
    if (counts.fix) parts.push(counts.fix + ' need' + (counts.fix === 1 ? 's' : '') + ' fixing');
    if (counts.improve) parts.push(counts.improve + ' could be better');
    if (counts.unknown) parts.push(counts.unknown + ' could not be checked');
    status.textContent = 'Checked ' + items.length + ' items: ' + parts.join(', ') + '.' +
      (counts.fix ? ' Fix the items marked "Needs fixing", then check again.' : '') +
      (counts.fix || counts.improve ? ' The example configurations in deploy/ (nginx.conf, apache.htaccess, ' +
        '_headers) send every header as it should be.' : '');
  }

  var NAMES = {
    https: 'Served over HTTPS',
    'frame-ancestors': 'Which sites may show the widget (Content-Security-Policy: frame-ancestors)',
    policy: 'What the widget page may load (Content-Security-Policy)',
    referrer: 'No referrer sent (Referrer-Policy)',
    nosniff: 'Files used only as what they are (X-Content-Type-Options: nosniff)',
    types: 'File types (WebAssembly as application/wasm)',
    'cache-hashed': 'Long caching for files with a hash in their name',
    'cache-fresh': 'Updates found promptly (no-cache on index.html, sw.js and embed.js)',
    cors: 'The tag\'s integrity check can read embed.js (Access-Control-Allow-Origin)',
    permissions: 'Camera, microphone and location off (Permissions-Policy)',
  };

  function item(id, result) {
    return { id: id, name: NAMES[id], verdict: result.verdict, found: result.found, fix: result.fix };
  }

  function unknown(id, why) { return item(id, { verdict: 'unknown', found: why }); }

  function check(site) {
    return get('index.html', true).then(function (index) {
      if (index.error || !index.ok) {
        var why = index.error ? 'This site could not be reached (' + index.error + ').'
          : 'The widget\'s index.html, in the folder above builder/, answered ' + index.status + '.';
        return [item('https', httpsItem())].concat(Object.keys(NAMES).filter(function (id) { return id !== 'https'; })
          .map(function (id) { return unknown(id, why + ' Upload every file of widget/ and check again.'); }));
      }
      var page = new DOMParser().parseFromString(index.body, 'text/html');
      var boot = page.querySelector('script[data-interlude-wasm]');
      var style = page.querySelector('link[rel="stylesheet"]');
      var names = {
        wasm: boot && boot.getAttribute('data-interlude-wasm'),
        js: boot && boot.getAttribute('data-interlude-js'),
        css: style && style.getAttribute('href'),
      };
      return Promise.all([
        get(names.wasm || 'missing.wasm'), get(names.js || 'missing.js'), get(names.css || 'missing.css'),
        get('sw.js'), get('embed.js'),
      ]).then(function (got) {
        var wasm = got[0], js = got[1], css = got[2], sw = got[3], embed = got[4];
        [wasm, js, css, sw, embed].forEach(function (f) { f.path = f.path.replace(/^\.\//, ''); });
        var hashed = [wasm, js, css];
        var lost = hashed.concat([embed]).filter(function (f) { return !f.ok; });
        var items = [
          item('https', httpsItem()),
          item('frame-ancestors', frameAncestorsItem(index, site)),
          item('policy', policyItem(index)),
          item('referrer', referrerItem(index)),
          item('nosniff', nosniffItem([index, wasm, js, css, embed])),
          item('types', typesItem(wasm, js, css)),
          item('cache-hashed', hashedCacheItem(hashed)),
          item('cache-fresh', freshItem([index, sw, embed])),
          embed.ok ? item('cors', corsItem(embed, site)) : unknown('cors', 'embed.js was not found.'),
          item('permissions', permissionsItem(index)),
        ];
        if (lost.length) {
          items.push({ id: 'files', name: 'All of the widget\'s files are there', verdict: 'fix',
            found: 'Not found: ' + lost.map(function (f) { return f.path + (f.status ? ' (' + f.status + ')' : ''); }).join(', ') + '.',
            fix: 'Upload everything inside widget/ from the same release, keeping the folders.' });
        }
        return items;
      });
    });
  }

  // The site's origin, or '' when the field is empty; null when it is not an address.
  function site() {
    var value = siteField.value.trim();
    if (!value) return '';
    return origin(value);
  }

  function showSiteProblem() {
    var bad = site() === null;
    siteProblem.textContent = bad ? 'Write the address of a page of your site, starting with https://, ' +
      'such as https://www.your-clinic.example.' : '';
    if (bad) siteField.setAttribute('aria-invalid', 'true'); else siteField.removeAttribute('aria-invalid');
    return !bad;
  }

  var running = false;
  siteField.addEventListener('change', showSiteProblem);
  // Nothing is submitted (the page's policy forbids it): the form only
  // runs the check, by its button or Enter in the field.
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (running) return;
    if (!showSiteProblem()) { siteField.focus(); return; }
    running = true;
    // Not disabled while it runs, so focus stays on the button.
    button.setAttribute('aria-disabled', 'true');
    status.textContent = 'Checking…';
    list.setAttribute('aria-busy', 'true');
    check(site()).then(show, function (error) {
      list.textContent = '';
      status.textContent = 'The check stopped: ' + (error && error.message || error) + '. Try again.';
    }).then(function () {
      running = false;
      button.removeAttribute('aria-disabled');
      list.removeAttribute('aria-busy');
    });
  });
})();
