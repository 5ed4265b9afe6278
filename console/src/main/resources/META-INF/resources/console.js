// Homeward console: the one script of the console (no inline script anywhere; the CSP allows only this file).
// 1. The report form shows only the fields of the chosen event type (without this script every fieldset shows and
//    the server reads only the chosen type's fields).
// 2. A time zone field (data-browser-zone) left empty gets the browser's zone (Intl), so that a date and time are
//    entered as local time; without this script the zone stays empty and the server takes UTC.
// 3. Every page of an advocate listens to /alerts/stream (the console relays the notification service's stream; the
//    token stays on the server): the badge counts unacknowledged alerts, and a CRITICAL one shows a banner at once.
(function () {
  'use strict';

  function reportForm() {
    var select = document.getElementById('event-type');
    if (!select) {
      return;
    }
    var sets = document.querySelectorAll('fieldset.event-fields');
    function show() {
      for (var i = 0; i < sets.length; i++) {
        var on = sets[i].getAttribute('data-type') === select.value;
        sets[i].hidden = !on;
        sets[i].disabled = !on;
      }
    }
    select.addEventListener('change', show);
    show();
  }

  function browserZone() {
    var fields = document.querySelectorAll('input[data-browser-zone]');
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    for (var i = 0; zone && i < fields.length; i++) {
      if (!fields[i].value) {
        fields[i].value = zone;
      }
    }
  }

  function badge(delta) {
    var count = document.getElementById('alert-count');
    if (!count) {
      return;
    }
    var n = parseInt(count.getAttribute('data-count'), 10);
    if (isNaN(n) || n < 0) {
      n = 0;
    }
    n += delta;
    count.setAttribute('data-count', String(n));
    count.textContent = String(n);
    count.hidden = false;
  }

  function critical(notification) {
    if (notification.urgency === 'CRITICAL') {
      return true;
    }
    var alerts = notification.alerts || [];
    return alerts.indexOf('FORCED_REPATRIATION_RISK') >= 0 || alerts.indexOf('LIFE_AFTER_DEATH') >= 0;
  }

  function banner(notification) {
    var box = document.getElementById('critical-banner');
    if (!box) {
      return;
    }
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    var text = document.createElement('strong');
    text.textContent = box.getAttribute('data-text');
    box.appendChild(text);
    var alerts = notification.alerts || [];
    if (alerts.length) {
      box.appendChild(document.createTextNode(' ' + alerts.join(', ') + ' '));
    }
    if (notification.caseId) {
      var link = document.createElement('a');
      link.href = '/cases/' + encodeURIComponent(notification.caseId);
      link.id = 'critical-banner-link';
      link.textContent = box.getAttribute('data-link');
      box.appendChild(link);
    }
    var close = document.createElement('button');
    close.type = 'button';
    close.id = 'critical-banner-close';
    close.textContent = box.getAttribute('data-close');
    close.addEventListener('click', function () {
      box.hidden = true;
    });
    box.appendChild(close);
    box.setAttribute('data-notification-id', notification.id || '');
    box.hidden = false;
  }

  function stream() {
    if (document.body.getAttribute('data-stream') !== 'on' || typeof EventSource === 'undefined') {
      return;
    }
    var source = new EventSource('/alerts/stream');
    // The page says whether it is listening (tests wait for it; a reader can see it in the inspector).
    source.addEventListener('open', function () {
      document.documentElement.setAttribute('data-stream', 'open');
    });
    source.addEventListener('error', function () {
      document.documentElement.setAttribute('data-stream', 'reconnecting');
    });
    source.addEventListener('message', function (event) {
      var notification;
      try {
        notification = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (!notification.ackedAt) {
        badge(1);
      }
      if (critical(notification)) {
        banner(notification);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    reportForm();
    browserZone();
    stream();
  });
}());
