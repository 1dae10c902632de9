/*
 * Village: small enhancements on top of pages that work without JavaScript.
 *
 * - Quick exit: the button, Shift pressed 3 times (GOV.UK's pattern) or Esc twice replace
 *   this page with a neutral one.
 * - Every move inside Village replaces the current history entry instead of adding one,
 *   so after a quick exit the Back button has no Village page to return to.
 * - "Use my location" fills the place box with coordinates, when the browser allows it.
 *
 * The script holds no words of its own: what it says comes from data attributes the page
 * renders in its language (data-saved-label, data-finding-label and the like).
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

  // ---- My meetings: kept in this browser only ----------------------------------------------

  // A list of slugs in localStorage: no server record, no cookie. Without JavaScript each
  // "Save" is a link to a shortlist holding that meeting.
  var SHORTLIST_KEY = "village.shortlist";

  function savedMeetings() {
    try {
      var list = JSON.parse(window.localStorage.getItem(SHORTLIST_KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (slug) { return typeof slug === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function keepMeetings(list) {
    try {
      window.localStorage.setItem(SHORTLIST_KEY, JSON.stringify(list));
      return true;
    } catch (error) {
      return false;  // storage refused (a private window on some phones): the links still work
    }
  }

  function showSaved(link, saved) {
    if (!link.hasAttribute("aria-label")) {
      // A toggle keeps its name; whether it is saved is its pressed state.
      link.setAttribute("aria-label", link.textContent.replace(/\s+/g, " ").trim());
    }
    link.setAttribute("aria-pressed", saved ? "true" : "false");
    link.setAttribute("role", "button");
    var label = link.querySelector("[data-save-label]");
    var words = link.getAttribute(saved ? "data-saved-label" : "data-unsaved-label");
    if (label && words) {
      label.textContent = words;
    }
  }

  var saveLinks = document.querySelectorAll("[data-save-meeting]");
  Array.prototype.forEach.call(saveLinks, function (link) {
    var slug = link.getAttribute("data-save-meeting");
    showSaved(link, savedMeetings().indexOf(slug) !== -1);
    link.addEventListener("click", function (event) {
      var list = savedMeetings();
      var at = list.indexOf(slug);
      if (at === -1) {
        list.push(slug);
      } else {
        list.splice(at, 1);
      }
      if (keepMeetings(list)) {
        event.preventDefault();
        showSaved(link, at === -1);
      }
    });
  });

  var shortlist = document.querySelector("[data-shortlist]");
  if (shortlist) {
    var inLink = (shortlist.getAttribute("data-kept") || "").split(",").filter(Boolean);
    var query = new URLSearchParams(window.location.search);
    var onDevice = savedMeetings();
    if (!query.has("m") && onDevice.length) {
      // The page keeps its link current: it shows this device's list as a link to bookmark.
      query.set("m", onDevice.join(","));
      window.location.replace(window.location.pathname + "?" + query.toString());
    } else if (query.has("m") && !onDevice.length && inLink.length) {
      keepMeetings(inLink);  // a bookmarked list opened in a browser that kept none
    }
    shortlist.addEventListener("click", function (event) {
      var remove = event.target.closest ? event.target.closest("[data-remove-meeting]") : null;
      if (remove) {
        var slug = remove.getAttribute("data-remove-meeting");
        keepMeetings(savedMeetings().filter(function (saved) { return saved !== slug; }));
      }
    });
  }

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
  function sayLocation(which) {
    status.textContent = status.getAttribute("data-" + which + "-label") || "";
  }

  if (locate && near && status && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      locate.disabled = true;
      sayLocation("finding");
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(4) + "," + position.coords.longitude.toFixed(4);
        sayLocation("found");
        locate.disabled = false;
        near.focus();
      }, function () {
        sayLocation("failed");
        locate.disabled = false;
        near.focus();
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  }
}());
