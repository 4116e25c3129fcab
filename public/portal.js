// The portal's only script (a few hundred bytes): registers the service worker, clears
// the offline copy at sign-out, offers the phone's share sheet for downloads, and shows an
// offline banner. Everything else works without JavaScript.
(function () {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/portal/' }).catch(function () {});
    document.addEventListener('submit', function (e) {
      var b = e.submitter || e.target.querySelector('[data-signout]');
      if (b && b.hasAttribute && b.hasAttribute('data-signout') && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage('clear');
      }
    });
  }
  if (navigator.share) {
    document.querySelectorAll('a[data-share]').forEach(function (a) {
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'p-btn';
      btn.textContent = 'Share';
      btn.setAttribute('aria-label', 'Share ' + a.getAttribute('data-share'));
      btn.addEventListener('click', function () {
        fetch(a.href, { credentials: 'same-origin' })
          .then(function (r) { return r.blob(); })
          .then(function (blob) {
            var name = (a.getAttribute('data-share') || 'file').replace(/[^A-Za-z0-9.-]+/g, '-') + '.pdf';
            var file = new File([blob], name, { type: blob.type });
            if (navigator.canShare && navigator.canShare({ files: [file] })) return navigator.share({ files: [file], title: name });
            return navigator.share({ url: a.href, title: name });
          })
          .catch(function () {});
      });
      a.insertAdjacentElement('afterend', btn);
    });
  }
  function offline() {
    var banner = document.querySelector('[data-offline-banner]');
    if (banner) banner.hidden = navigator.onLine;
  }
  window.addEventListener('online', offline);
  window.addEventListener('offline', offline);
  offline();
})();
