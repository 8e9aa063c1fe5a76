// valued coordinators' console: the little script there is. Pages work without it.
// It moves focus to an error summary or a message from the last action, so a screen
// reader hears it first (GOV.UK's error summary pattern), and makes the error
// summary's links move focus to the field they name.
(function () {
  'use strict';
  var first = document.querySelector('[data-focus-on-load]');
  if (first) {
    if (!first.hasAttribute('tabindex')) first.setAttribute('tabindex', '-1');
    first.focus();
  }
  var links = document.querySelectorAll('.error-summary a[href^="#"]');
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener('click', function (event) {
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      field.scrollIntoView();
      field.focus();
    });
  });
})();
