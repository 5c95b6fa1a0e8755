/*! Klankbord chat: the page inside the launcher's iframe (/chat), on Klankbord's own origin.
 * No dependencies, no cookies, no third-party requests.
 *
 * Served by bot/entrypoints/web/app.py, whose script tag carries (escaped):
 *   data-server    Rasa server base URL; the REST channel is {server}/webhooks/rest/webhook
 *   data-school    the school's id, sent as metadata with every message
 *   data-help      the school's helplines as text, shown by "Hulp nu" when the assistant is unreachable
 *   data-parents   the school origins that may frame this page (empty: this origin only)
 * The launcher (klankbord-widget.js on the school page) adds "#parent=<its origin>&title=<name>".
 *
 * Privacy: the conversation id (128 random bits from crypto.getRandomValues) and the visible
 * history live only in this origin's sessionStorage, under keys starting with "klankbord."; the
 * school page's scripts cannot read them. Nothing is written before the first message, and
 * nothing that identifies the pupil is ever sent to the school page: postMessage carries only
 * "ready", "close", "exit" and "exited", to the school origin checked against data-parents.
 * Bot messages are rendered with textContent only; never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;

  var MAX_LENGTH = 2000;
  var WARN_LENGTH = 1800;
  var MAX_HISTORY = 300;
  var TIMEOUT_MS = 30000;
  var PREFIX = "klankbord.";
  var KEY_SENDER = PREFIX + "sender";
  var KEY_HISTORY = PREFIX + "history";
  var KEY_OPEN = PREFIX + "open";
  var DEFAULT_SERVER = "http://127.0.0.1:5005";
  var DEFAULT_EXIT = "https://www.google.nl/search?q=weer";
  var HELP_PAYLOAD = "/hulp_nu";

  var TEXT = {
    region: "Chat met Klankbord",
    subtitle: "Praat over pesten",
    help: "Hulp nu",
    exit: "Snel weg",
    exitHint: "Snel weg: sluit de chat, wist het gesprek en opent een andere website",
    close: "Sluiten",
    logLabel: "Gesprek met Klankbord",
    intro: "Hoi! Ik ben Klankbord, de chatbot van je school. Je kunt hier vertellen over pesten, " +
      "ook als je het ziet gebeuren. Typ je bericht hieronder. Met de knop Snel weg ga je meteen " +
      "naar een andere website en is het gesprek weg uit dit scherm.",
    inputLabel: "Jouw bericht",
    inputHint: "Enter verstuurt je bericht. Shift en Enter samen geeft een nieuwe regel.",
    send: "Verstuur",
    typing: "Klankbord is aan het typen",
    you: "Jij",
    bot: "Klankbord",
    answers: "Kies een antwoord, of typ zelf iets",
    error: "Het lukt nu niet om Klankbord te bereiken. Je bericht is niet verstuurd; " +
      "het staat nog in het tekstvak. Probeer het zo nog eens. " +
      "Ben je in gevaar? Bel dan 112.",
    helpOffline: "Klankbord is nu niet te bereiken, dus je keuze is niet verstuurd. " +
      "De hulplijnen hierboven kun je wel bellen of bezoeken.",
    errorButton: "Je keuze is niet verstuurd, omdat Klankbord nu niet te bereiken is. " +
      "Probeer het zo nog eens. Ben je in gevaar? Bel dan 112.",
    tooLong: "Je bericht is te lang. Er passen " + MAX_LENGTH + " tekens in. " +
      "Maak het wat korter, of stuur het in twee delen.",
    atLimit: "Je hebt " + MAX_LENGTH + " tekens getypt. Meer past er niet in één bericht. " +
      "Stuur dit eerst, dan kun je daarna verder typen.",
    left: function (n) {
      return "Nog " + n + " tekens over.";
    }
  };

  // ----- configuration ---------------------------------------------------------------------

  // attr, httpUrl, el (DOM without innerHTML), and messageFrom / tell (postMessage with the origin
  // checked) come from klankbord-widget.js, loaded before this script with data-kit (web/chat.html).
  var kit = window.klankbordKit;
  var httpUrl = kit.httpUrl;
  var el = kit.el;

  function attr(name, fallback) {
    return kit.attr(script, name, fallback);
  }

  // What the launcher put after "#": only the school page's origin and the chat's title.
  var fragment = (function () {
    var found = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        try {
          found[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
        } catch (e) {
          /* ignore a broken pair */
        }
      }
    });
    return found;
  })();

  var server = httpUrl(attr("data-server", DEFAULT_SERVER), DEFAULT_SERVER).replace(/\/+$/, "");
  var endpoint = server + "/webhooks/rest/webhook";
  // The school's helplines, from the school file: shown by "Hulp nu" when the assistant is unreachable.
  var offlineHelp = String(attr("data-help", "") || "").trim();
  // The school this chat belongs to (routing, checked by the server against the schools it serves).
  var school = String(attr("data-school", "") || "").trim();
  var title = String(fragment.title || "").trim().slice(0, 60) || "Klankbord";

  // The school page that frames this chat: only an origin the server allows (the same list as
  // the CSP's frame-ancestors) is ever written to; messages from anywhere else are ignored.
  var framed = window.parent !== window;
  var parentOrigin = (function () {
    if (!framed) {
      return null;
    }
    var allowed = String(attr("data-parents", "") || "").split(/\s+/).filter(Boolean);
    if (!allowed.length) {
      allowed = [window.location.origin];
    }
    var claimed = String(fragment.parent || "");
    return allowed.indexOf(claimed) >= 0 ? claimed : null;
  })();

  function tellParent(type, extra) {
    if (parentOrigin) {
      kit.tell(window.parent, parentOrigin, type, extra);
    }
  }

  // ----- storage: sessionStorage only, with an in-memory fallback ----------------------------

  var memory = {};
  var storage = (function () {
    try {
      var s = window.sessionStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  function load(key) {
    try {
      return storage ? storage.getItem(key) : (key in memory ? memory[key] : null);
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    try {
      if (storage) {
        storage.setItem(key, value);
      } else {
        memory[key] = value;
      }
    } catch (e) {
      /* storage full or blocked: the chat still works for this page view */
    }
  }

  function wipeStorage() {
    memory = {};
    if (!storage) {
      return;
    }
    try {
      var doomed = [];
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          doomed.push(key);
        }
      }
      doomed.forEach(function (key) {
        storage.removeItem(key);
      });
    } catch (e) {
      /* nothing more we can do */
    }
  }

  // 128 random bits as 32 hex characters. (crypto.randomUUID carries only 122 random bits and
  // exists only on https or localhost pages; getRandomValues works everywhere.)
  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function cleanButtons(buttons) {
    if (!Array.isArray(buttons)) {
      return [];
    }
    return buttons.filter(function (b) {
      return b && typeof b.title === "string" && b.title.trim() &&
        typeof b.payload === "string" && b.payload.trim();
    }).slice(0, 12).map(function (b) {
      return { title: b.title, payload: b.payload };
    });
  }

  function readHistory() {
    try {
      var parsed = JSON.parse(load(KEY_HISTORY) || "[]");
      if (!Array.isArray(parsed)) {
        return [];
      }
      return parsed.filter(function (m) {
        return m && (m.who === "user" || m.who === "bot") && typeof m.text === "string";
      }).map(function (m) {
        return { who: m.who, text: m.text, buttons: cleanButtons(m.buttons) };
      });
    } catch (e) {
      return [];
    }
  }

  var sender = load(KEY_SENDER);
  var history = sender ? readHistory() : [];

  function persist() {
    if (!sender) {
      return;
    }
    if (history.length > MAX_HISTORY) {
      history = history.slice(history.length - MAX_HISTORY);
    }
    save(KEY_SENDER, sender);
    save(KEY_HISTORY, JSON.stringify(history));
    save(KEY_OPEN, isOpen ? "1" : "0");
  }

  // ----- build the chat -----------------------------------------------------------------------

  var ids = {
    panel: "klankbord-panel",
    title: "klankbord-title",
    input: "klankbord-input",
    hint: "klankbord-hint",
    limit: "klankbord-limit"
  };

  var isOpen = false;
  var busy = false;
  var pending = null;

  var root, panel, log, typing, errorBox, form, input, sendButton, limitNote;

  function build() {
    var exitButton = el("button", {
      type: "button", className: "kb-button kb-exit kb-exit--header",
      "aria-describedby": "klankbord-exit-hint", "data-kb": "exit", text: TEXT.exit
    });
    exitButton.addEventListener("click", quickExit);
    var helpButton = el("button", {
      type: "button", className: "kb-button kb-help", "data-kb": "help", text: TEXT.help
    });
    helpButton.addEventListener("click", function () {
      send(HELP_PAYLOAD, TEXT.help, false);
    });
    // Opened on its own (not in the school page's frame) there is nothing to close to.
    var closeButton = el("button", {
      type: "button", className: "kb-button kb-close", "data-kb": "close", hidden: !parentOrigin,
      text: TEXT.close
    });
    closeButton.addEventListener("click", closeByPupil);

    log = el("div", {
      className: "kb-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": TEXT.logLabel, tabindex: "0", "data-kb": "log"
    }, [el("p", { className: "kb-intro", text: TEXT.intro })]);

    typing = el("div", { className: "kb-typing", role: "status", "data-kb": "typing" });
    errorBox = el("div", { className: "kb-error", role: "alert", "data-kb": "error" });

    input = el("textarea", {
      id: ids.input, className: "kb-input", name: "message", rows: "2",
      maxlength: String(MAX_LENGTH), autocomplete: "off",
      "aria-describedby": ids.hint + " " + ids.limit, "data-kb": "input"
    });
    sendButton = el("button", {
      type: "submit", className: "kb-button kb-send", "data-kb": "send", text: TEXT.send
    });
    limitNote = el("p", {
      id: ids.limit, className: "kb-limit", "aria-live": "polite", "data-kb": "limit"
    });
    form = el("form", { className: "kb-form", novalidate: true, "data-kb": "form" }, [
      el("label", { className: "kb-label", for: ids.input, text: TEXT.inputLabel }),
      el("div", { className: "kb-compose" }, [input, sendButton]),
      el("p", { id: ids.hint, className: "kb-hint", text: TEXT.inputHint }),
      limitNote
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      sendTyped();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.altKey &&
          !event.metaKey && !event.isComposing) {
        event.preventDefault();
        sendTyped();
      }
    });
    input.addEventListener("input", updateLimit);

    panel = el("div", { id: ids.panel, className: "kb-panel", hidden: true, "data-kb": "panel" }, [
      el("div", { className: "kb-header" }, [
        el("div", { className: "kb-heading" }, [
          el("h1", { id: ids.title, className: "kb-title", text: title }),
          el("p", { className: "kb-subtitle", text: TEXT.subtitle })
        ]),
        el("div", { className: "kb-actions" }, [helpButton, exitButton, closeButton])
      ]),
      log,
      typing,
      errorBox,
      form
    ]);

    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.isComposing) {
        closeByPupil();
      }
    });

    // One landmark for the whole chat, so screen-reader users can jump to it.
    root = el("main", {
      className: "kb-root kb-root--frame", lang: "nl", dir: "ltr", "aria-label": TEXT.region,
      "data-kb": "root", "data-kb-state": "idle"
    }, [
      el("span", { id: "klankbord-exit-hint", className: "kb-visually-hidden", text: TEXT.exitHint }),
      panel
    ]);
    document.body.appendChild(root);
  }

  // ----- rendering ----------------------------------------------------------------------------

  function renderMessage(message, index) {
    var who = message.who === "user" ? "user" : "bot";
    var item = el("div", {
      className: "kb-msg kb-msg--" + who, "data-kb": "msg", "data-who": who, "data-index": String(index)
    }, [
      el("span", { className: "kb-visually-hidden", text: (who === "user" ? TEXT.you : TEXT.bot) + ": " })
    ]);
    if (message.text) {
      var bubble = el("p", { className: "kb-bubble" });
      bubble.textContent = message.text;
      item.appendChild(bubble);
    }
    if (who === "bot" && message.buttons && message.buttons.length) {
      var group = el("div", {
        className: "kb-replies", role: "group", "aria-label": TEXT.answers, "data-kb": "replies"
      });
      message.buttons.forEach(function (b) {
        var button = el("button", {
          type: "button", className: "kb-button kb-reply", "data-kb": "reply", text: b.title
        });
        button.addEventListener("click", function () {
          send(b.payload, b.title, false);
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    return item;
  }

  function renderAll() {
    var intro = log.querySelector(".kb-intro");
    log.textContent = "";
    if (intro) {
      log.appendChild(intro);
    }
    history.forEach(function (message, index) {
      log.appendChild(renderMessage(message, index));
    });
    scrollLog();
  }

  function appendMessage(message) {
    history.push(message);
    var node = renderMessage(message, history.length - 1);
    log.appendChild(node);
    scrollLog();
    return node;
  }

  function scrollLog() {
    log.scrollTop = log.scrollHeight;
  }

  function dropQuickReplies() {
    history.forEach(function (m) {
      m.buttons = [];
    });
    Array.prototype.forEach.call(log.querySelectorAll(".kb-replies"), function (group) {
      group.parentNode.removeChild(group);
    });
  }

  function setReplyButtonsDisabled(disabled) {
    Array.prototype.forEach.call(log.querySelectorAll(".kb-reply"), function (button) {
      if (disabled) {
        button.setAttribute("aria-disabled", "true");
      } else {
        button.removeAttribute("aria-disabled");
      }
    });
  }

  function setBusy(value) {
    busy = value;
    root.setAttribute("data-kb-state", value ? "busy" : "idle");
    root.setAttribute("aria-busy", value ? "true" : "false");
    typing.textContent = "";
    if (value) {
      typing.appendChild(el("span", { className: "kb-typing-text", text: TEXT.typing }));
      typing.appendChild(el("span", { className: "kb-dots", "aria-hidden": "true" }, [
        el("span"), el("span"), el("span")
      ]));
    }
    setReplyButtonsDisabled(value);
  }

  function showError(text) {
    errorBox.textContent = text;
    root.setAttribute("data-kb-state", "error");
  }

  function clearError() {
    errorBox.textContent = "";
  }

  function updateLimit() {
    var length = input.value.length;
    var text = "";
    if (length >= MAX_LENGTH) {
      text = TEXT.atLimit;
    } else if (length >= WARN_LENGTH) {
      // in steps of 50, so a screen reader is not told after every key
      text = TEXT.left(Math.ceil((MAX_LENGTH - length) / 50) * 50);
    }
    if (limitNote.textContent !== text) {
      limitNote.textContent = text;
    }
  }

  function focusInput() {
    var active = document.activeElement;
    if (!isOpen) {
      return;
    }
    if (!active || active === document.body || root.contains(active)) {
      input.focus();
    }
  }

  // Open and closed are the school page's business (it shows or hides this frame); the chat
  // remembers it for a reload and tells the school page when the pupil closes it here.
  function setOpen(open, moveFocus) {
    isOpen = open;
    panel.hidden = !open;
    root.classList.toggle("kb-root--open", open);
    if (sender) {
      save(KEY_OPEN, open ? "1" : "0");
    }
    if (open) {
      scrollLog();
      if (moveFocus) {
        input.focus();
      }
    }
  }

  function closeByPupil() {
    if (!parentOrigin) {
      return;
    }
    setOpen(false, false);
    tellParent("close");
  }

  // ----- talking to Rasa ------------------------------------------------------------------------

  function post(message) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    pending = controller;
    return fetch(endpoint, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message, metadata: { school: school } }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) {
        // A refusal (too fast, too busy, too long) comes with kind texts: show those instead.
        return response.json().catch(function () { return null; }).then(function (data) {
          var error = new Error("HTTP " + response.status);
          error.serverTexts = Array.isArray(data) ? data.map(function (reply) {
            return reply && typeof reply.text === "string" ? reply.text : "";
          }).filter(Boolean) : [];
          throw error;
        });
      }
      return response.json();
    }).then(function (data) {
      if (!Array.isArray(data)) {
        throw new Error("unexpected reply");
      }
      return data;
    }).finally(function () {
      if (timer) {
        clearTimeout(timer);
      }
      pending = null;
    });
  }

  function sendTyped() {
    var raw = input.value;
    // A typed "/" is text, never a button (the server reads it so too).
    var text = raw.trim().replace(/^\/+\s*/, "");
    if (!text) {
      input.focus();
      return;
    }
    if (text.length > MAX_LENGTH) {
      limitNote.textContent = TEXT.tooLong;
      input.focus();
      return;
    }
    send(text, text, true);
  }

  function send(payload, shown, typed) {
    if (busy) {
      return;
    }
    clearError();
    if (!sender) {
      sender = randomId();
    }
    var raw = typed ? input.value : "";
    var userNode = appendMessage({ who: "user", text: shown, buttons: [] });
    if (typed) {
      input.value = "";
      updateLimit();
    }
    setBusy(true);
    post(payload).then(function (replies) {
      dropQuickReplies();
      replies.forEach(function (reply) {
        if (!reply || typeof reply !== "object") {
          return;
        }
        var text = typeof reply.text === "string" ? reply.text : "";
        var buttons = cleanButtons(reply.buttons);
        if (text || buttons.length) {
          appendMessage({ who: "bot", text: text, buttons: buttons });
        }
      });
      persist();
      setBusy(false);
      focusInput();
    }, function (error) {
      // Undo the optimistic bubble; keep what the pupil typed or could click.
      history.pop();
      if (userNode.parentNode) {
        userNode.parentNode.removeChild(userNode);
      }
      if (typed && !input.value) {
        input.value = raw;
        updateLimit();
      }
      persist();
      setBusy(false);
      var told = error && error.serverTexts && error.serverTexts.length ? error.serverTexts.join(" ") : "";
      if (!told && payload === HELP_PAYLOAD && offlineHelp) {
        appendMessage({ who: "bot", text: offlineHelp, buttons: [] });
        persist();
        told = TEXT.helpOffline;
      }
      showError(told || (typed ? TEXT.error : TEXT.errorButton));
      focusInput();
    });
  }

  // ----- quick exit -------------------------------------------------------------------------------

  // Forget everything here first, then ask the school page to leave (only it may navigate the tab).
  function quickExit(event) {
    if (event) {
      event.preventDefault();
    }
    forget();
    if (parentOrigin) {
      tellParent("exit");
    } else {
      window.location.replace(DEFAULT_EXIT);
    }
  }

  function forget() {
    if (pending) {
      try {
        pending.abort();
      } catch (e) {
        /* ignore */
      }
    }
    wipeStorage();
    sender = null;
    history = [];
    if (root && root.parentNode) {
      log.textContent = "";
      input.value = "";
      root.parentNode.removeChild(root);
    }
    try {
      document.title = "";
      document.body.style.visibility = "hidden";
    } catch (e) {
      /* ignore */
    }
  }

  // ----- messages from the school page ------------------------------------------------------------

  function onParentMessage(event) {
    var data = kit.messageFrom(event, parentOrigin, window.parent);
    if (!data) {
      return;
    }
    if (data.type === "open") {
      setOpen(true, true);
    } else if (data.type === "close") {
      setOpen(false, false);
    } else if (data.type === "help") {
      setOpen(true, true);
      send(HELP_PAYLOAD, TEXT.help, false);
    } else if (data.type === "exit") {
      // "Snel weg" on the school page while the chat was closed.
      forget();
      tellParent("exited");
    }
  }

  // ----- start ------------------------------------------------------------------------------------

  function start() {
    build();
    renderAll();
    window.addEventListener("message", onParentMessage);
    var reopen = sender !== null && load(KEY_OPEN) === "1";
    setOpen(reopen || !parentOrigin, false);
    tellParent("ready", { open: reopen });
    window.addEventListener("pageshow", function (event) {
      // Restored from the back/forward cache after a quick exit elsewhere: nothing may remain.
      if (event.persisted && !load(KEY_SENDER) && sender) {
        sender = null;
        history = [];
        renderAll();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
