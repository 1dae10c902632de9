/*
 * Village: small enhancements on top of pages that work without JavaScript.
 *
 * - Quick exit: the button, Shift pressed 3 times (GOV.UK's pattern) or Esc twice replace
 *   this page with a neutral one.
 * - Every move inside Village replaces the current history entry instead of adding one,
 *   so after a quick exit the Back button has no Village page to return to.
 * - "Use my location" fills the place box with coordinates, when the browser allows it.
 */
(function () {
  "use strict";

  var exitLink = document.querySelector("[data-quick-exit]");
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var ESC_PRESSES = 2;
  var ESC_WINDOW_MS = 2000;

  function quickExit() {
    // Hide the page at once: the next site may take a moment to load.
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(exitLink.href);
  }

  function pressCounter(needed, windowMs) {
    var count = 0;
    var timer = null;
    return {
      press: function () {
        count += 1;
        if (count === 1) {
          timer = window.setTimeout(this.reset, windowMs);
        }
        return count >= needed;
      },
      reset: function () {
        count = 0;
        window.clearTimeout(timer);
      }
    };
  }

  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      quickExit();
    });

    var hints = document.querySelectorAll("[data-quick-exit-keys]");
    for (var i = 0; i < hints.length; i += 1) {
      hints[i].hidden = false;
    }

    var shifts = pressCounter(SHIFT_PRESSES, SHIFT_WINDOW_MS);
    var escapes = pressCounter(ESC_PRESSES, ESC_WINDOW_MS);
    // Shift held down to type a capital letter must not count, so (like GOV.UK) a Shift
    // only counts when the key released before it was not typed with Shift.
    var lastKeyWasShifted = false;

    document.addEventListener("keyup", function (event) {
      var key = event.key;
      if (key === "Shift") {
        if (!lastKeyWasShifted && shifts.press()) {
          shifts.reset();
          quickExit();
        }
      } else {
        shifts.reset();
      }
      if (key === "Escape" || key === "Esc") {
        if (escapes.press()) {
          escapes.reset();
          quickExit();
        }
      } else if (key !== "Shift") {
        escapes.reset();
      }
      lastKeyWasShifted = event.shiftKey;
    });
  }

  // ---- This device's clock for a search without a place ------------------------------------

  // Runs before the form is read (capture): a search with no place and no zone chosen is
  // shown on this device's clock rather than refused.
  document.addEventListener("submit", function (event) {
    var zone = event.target.querySelector ? event.target.querySelector("[data-device-zone]") : null;
    var place = event.target.querySelector ? event.target.querySelector("#near") : null;
    if (!zone || zone.value || (place && place.value.trim() !== "")) {
      return;
    }
    var deviceZone = "";
    try {
      deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return;
    }
    if (!deviceZone) {
      return;
    }
    var known = Array.prototype.some.call(zone.options, function (option) {
      return option.value === deviceZone;
    });
    if (!known) {
      zone.add(new Option(deviceZone, deviceZone));
    }
    zone.value = deviceZone;
  }, true);

  // ---- One Village entry in the history ---------------------------------------------------

  function sameSite(url) {
    return url.origin === window.location.origin;
  }

  function focusFragment(url) {
    if (!url.hash) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) {
      return;
    }
    var url = new URL(link.href, window.location.href);
    if (!sameSite(url) || !/^https?:$/.test(url.protocol)) {
      return;
    }
    event.preventDefault();
    var samePage = url.pathname === window.location.pathname && url.search === window.location.search;
    window.location.replace(url.href);
    if (samePage) {
      focusFragment(url);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "get").toLowerCase() !== "get") {
      return;
    }
    var action = new URL(form.action || window.location.href, window.location.href);
    if (!sameSite(action)) {
      return;
    }
    var params = new URLSearchParams();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    data.forEach(function (value, name) {
      // Empty boxes change nothing; leaving them out keeps a shared link short.
      if (typeof value === "string" && value.trim() !== "") {
        params.append(name, value);
      }
    });
    action.search = params.toString();
    action.hash = "";
    event.preventDefault();
    window.location.replace(action.href);
  });

  // ---- Use my location --------------------------------------------------------------------

  var locate = document.querySelector("[data-use-location]");
  var near = document.getElementById("near");
  var status = document.querySelector("[data-location-status]");
  if (locate && near && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      locate.disabled = true;
      status.textContent = "Finding where you are…";
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(4) + "," + position.coords.longitude.toFixed(4);
        status.textContent = "Your location is filled in. Now choose Find meetings.";
        locate.disabled = false;
        near.focus();
      }, function () {
        status.textContent = "We couldn't get your location. Type a ZIP code or city instead.";
        locate.disabled = false;
        near.focus();
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  }
}());
