// The proof approval page's only script. The page works without it (plain form posts);
// this adds zoom and tap-to-pin: each tap on the proof puts a numbered marker there and a
// comment field, and the hidden `pins` field carries them as JSON [{x, y, body}], x and y
// as fractions (0..1) of the image, like the staff pins.
(function () {
  var frame = document.querySelector('.pin-frame');
  var zoom = document.querySelector('[data-zoom]');
  var field = document.querySelector('[data-pins]');
  var list = document.querySelector('[data-pin-list]');
  var pins = [];
  // New pins are numbered after the saved ones, as their markers are.
  var saved = frame ? frame.querySelectorAll('.pin').length : 0;
  var shown = document.querySelectorAll('[data-js]');
  for (var i = 0; i < shown.length; i++) shown[i].hidden = false;

  if (frame && zoom) {
    zoom.addEventListener('input', function () {
      frame.style.width = zoom.value + '%';
    });
  }

  function round(v) {
    return Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  }

  function sync() {
    field.value = JSON.stringify(pins);
  }

  function item(p, i) {
    var n = saved + i + 1;
    var marker = document.createElement('span');
    marker.className = 'pin pin-customer pin-new';
    marker.style.left = p.x * 100 + '%';
    marker.style.top = p.y * 100 + '%';
    marker.textContent = n;
    frame.appendChild(marker);

    var li = document.createElement('li');
    var no = document.createElement('span');
    no.className = 'a-no';
    no.setAttribute('aria-hidden', 'true');
    no.textContent = n;
    var input = document.createElement('input');
    input.type = 'text';
    input.value = p.body;
    input.maxLength = 500;
    input.placeholder = 'What should change here?';
    input.setAttribute('aria-label', 'Pin ' + n + ' comment');
    input.addEventListener('input', function () {
      p.body = input.value;
      sync();
    });
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'p-btn';
    remove.textContent = '\u2715';
    remove.setAttribute('aria-label', 'Remove pin ' + n);
    remove.addEventListener('click', function () {
      pins.splice(i, 1);
      render();
    });
    li.appendChild(no);
    li.appendChild(input);
    li.appendChild(remove);
    list.appendChild(li);
    return input;
  }

  // Rebuilt on add and remove only, so typing never loses focus.
  function render() {
    var old = frame.querySelectorAll('.pin-new');
    for (var i = 0; i < old.length; i++) frame.removeChild(old[i]);
    list.textContent = '';
    var last = null;
    for (var j = 0; j < pins.length; j++) last = item(pins[j], j);
    sync();
    return last;
  }

  if (frame && field && list && frame.classList.contains('pinnable')) {
    frame.addEventListener('click', function (e) {
      if (e.target !== frame && e.target.classList.contains('pin')) return;
      var r = frame.getBoundingClientRect();
      // The server takes at most 50 pins.
      if (!r.width || !r.height || pins.length >= 50) return;
      pins.push({ x: round((e.clientX - r.left) / r.width), y: round((e.clientY - r.top) / r.height), body: '' });
      var input = render();
      if (input) input.focus();
    });
  }

  // A second tap while the page is sending would post the decision twice.
  document.addEventListener('submit', function (e) {
    if (e.target.getAttribute('data-sent')) e.preventDefault();
    else e.target.setAttribute('data-sent', '1');
  });
  window.addEventListener('pageshow', function () {
    var sent = document.querySelectorAll('form[data-sent]');
    for (var i = 0; i < sent.length; i++) sent[i].removeAttribute('data-sent');
  });

  // Tests and scripts wait for this, as on the staff pages.
  document.body.setAttribute('data-hydrated', 'true');
})();
