// Simple branching on the answer form: a question with show_if is shown only
// while the option it names is chosen (the server drops hidden answers too).
(function () {
  function sync() {
    document.querySelectorAll('[data-show-q]').forEach(function (f) {
      var on = document.querySelector('input[name="q.' + f.dataset.showQ + '"][value="' + f.dataset.showO + '"]');
      f.hidden = !(on && on.checked);
    });
  }
  document.addEventListener('change', sync);
  sync();
})();
