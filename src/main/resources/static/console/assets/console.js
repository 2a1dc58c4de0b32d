// The console's one general script (no inline script: the CSP forbids it). Forms that change
// something serious carry data-confirm with the question to ask first.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });
});
