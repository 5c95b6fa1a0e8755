/*! Klankbord chat widget: the launcher on the school's page. No dependencies, no cookies,
 * no third-party requests, and nothing about the pupil on the school's origin.
 *
 * Include it on any page with one tag:
 *   <script src="https://klankbord.example/static/klankbord-widget.js"
 *           data-help="Hier kun je meteen terecht: ..." defer></script>
 *
 * Attributes (all optional):
 *   data-help      the school's helplines as text: "Hulp nu" shows them at once, also when
 *                  Klankbord cannot be reached
 *   data-exit-url  where "Snel weg" goes (default https://www.google.nl/search?q=weer)
 *   data-title     name shown in the chat header (default Klankbord)
 *   data-school    the school's id in Klankbord (schools/<id>.yml); the chat sends it with every
 *                  message, and the school of a conversation's first message is the one that counts
 *   data-css       stylesheet URL (default: klankbord-widget.css next to this script; "none" = none)
 *   data-chat      URL of Klankbord's chat page (default: ../chat next to this script)
 *   data-server    read by the chat page's server instead (KLANKBORD_RASA_URL); ignored here
 *
 * Klankbord's chat page loads this file too, with data-kit, for the small DOM and URL helpers below
 * only (window.klankbordKit); on a school page it never sets that global.
 *
 * The chat itself (messages, buttons, the conversation id, its storage) runs in an iframe from
 * Klankbord's own origin, so no script of the school's site can read it. This script keeps
 * nothing: no storage, no cookies, no message text. It talks to the chat page with postMessage
 * about "ready", "open", "close", "help", "exit" and "exited" only, checking the origin both ways.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var MESSAGE_TAG = "klankbord";

  // ----- helpers, shared with the chat page (never innerHTML) ----------------------------------

  function attrOf(node, name, fallback) {
    var value = node ? node.getAttribute(name) : null;
    return value && value.trim() ? value.trim() : fallback;
  }

  function httpUrl(value, fallback) {
    try {
      var url = new URL(value, window.location.href);
      if (url.protocol === "http:" || url.protocol === "https:") {
        return url.href;
      }
    } catch (e) {
      /* fall through */
    }
    return fallback;
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      var value = props[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === "text") {
        node.textContent = value;
      } else if (name === "className") {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(child);
      }
    });
    return node;
  }

  // The data of a Klankbord message sent by the window ``source`` from ``origin``; null for
  // anything else (another origin, another window, someone else's message).
  function messageFrom(event, origin, source) {
    var data = event.data;
    if (!origin || event.origin !== origin || event.source !== source || !data ||
        data.source !== MESSAGE_TAG) {
      return null;
    }
    return data;
  }

  // A Klankbord message for ``target``, delivered only if that window is at ``origin``.
  function tell(target, origin, type, extra) {
    var message = { source: MESSAGE_TAG, type: type };
    Object.keys(extra || {}).forEach(function (key) {
      message[key] = extra[key];
    });
    try {
      target.postMessage(message, origin);
    } catch (e) {
      /* the other side is gone */
    }
  }

  if (script && script.hasAttribute("data-kit")) {
    window.klankbordKit = { attr: attrOf, httpUrl: httpUrl, el: el, messageFrom: messageFrom, tell: tell };
    return;
  }
  if (window.__klankbordWidget) {
    return;
  }
  window.__klankbordWidget = true;

  var DEFAULT_EXIT = "https://www.google.nl/search?q=weer";
  var READY_WAIT_MS = 6000; // how long "Chat met Klankbord" waits for the chat page to answer
  var EXIT_WAIT_MS = 400; // how long "Snel weg" waits for the chat to forget before leaving

  var TEXT = {
    launcher: "Chat met Klankbord",
    region: "Chat met Klankbord",
    frame: "Chat met Klankbord",
    help: "Hulp nu",
    exit: "Snel weg",
    exitHint: "Snel weg: sluit de chat, wist het gesprek en opent een andere website",
    close: "Sluiten",
    waiting: "De chat wordt geladen.",
    offline: "Klankbord is nu niet te bereiken. Probeer het zo nog eens. Ben je in gevaar? Bel dan 112."
  };

  // ----- configuration ---------------------------------------------------------------------

  function attr(name, fallback) {
    return attrOf(script, name, fallback);
  }

  var base = script && script.src ? script.src : window.location.href;
  var exitUrl = httpUrl(attr("data-exit-url", DEFAULT_EXIT), DEFAULT_EXIT);
  var helpText = String(attr("data-help", "") || "").trim();
  var title = attr("data-title", "Klankbord");
  var chatUrl = httpUrl(attr("data-chat", new URL("../chat", base).href), null);
  var school = String(attr("data-school", "") || "").trim();
  if (chatUrl && school) {
    var withSchool = new URL(chatUrl);
    withSchool.searchParams.set("school", school);
    chatUrl = withSchool.href;
  }
  var chatOrigin = chatUrl ? new URL(chatUrl).origin : null;

  // ----- the launcher's parts -----------------------------------------------------------------

  function button(kb, className, text, onClick) {
    var node = el("button", { type: "button", className: "kb-button " + className, "data-kb": kb, text: text });
    node.addEventListener("click", onClick);
    return node;
  }

  function addStylesheet() {
    var href = attr("data-css", "");
    if (href === "none" || (!href && !(script && script.src))) {
      return;
    }
    // data-css as the page gives it; by default the stylesheet next to this script.
    href = href ? new URL(href, window.location.href).href : new URL("klankbord-widget.css", base).href;
    var exists = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"),
      function (link) { return link.href === href; });
    if (!exists) {
      document.head.appendChild(el("link", { rel: "stylesheet", href: href }));
    }
  }

  // ----- the launcher -------------------------------------------------------------------------

  var root, frame, dock, launcher, helpButton, helpBox, helpBody;
  var ready = false;
  var isOpen = false;
  var waitTimer = null;
  var leaving = false;

  function build() {
    launcher = button("launcher", "kb-launcher", TEXT.launcher, function () {
      openChat();
    });
    launcher.setAttribute("aria-expanded", "false");
    helpButton = button("help", "kb-help", TEXT.help, function () {
      if (helpText || !ready) {
        showHelp(helpText ? "" : TEXT.offline, helpButton);
      } else {
        // No helplines in the tag: the assistant gives them in the chat.
        showChat(true);
        tellChat("help");
      }
    });
    helpButton.setAttribute("aria-expanded", "false");
    helpButton.setAttribute("aria-controls", "klankbord-helpbox");
    var exitButton = button("exit", "kb-exit kb-exit--dock", TEXT.exit, quickExit);
    exitButton.setAttribute("aria-describedby", "klankbord-exit-hint");
    dock = el("div", { className: "kb-dock", "data-kb": "dock" }, [helpButton, exitButton, launcher]);

    // The helplines, on the school page itself: they come from the page's own tag, not from Klankbord.
    helpBody = el("p", { className: "kb-helpbox-text", "data-kb": "helptext" });
    helpBox = el("div", {
      id: "klankbord-helpbox", className: "kb-helpbox", role: "region", "aria-label": TEXT.help,
      tabindex: "-1", hidden: true, "data-kb": "helpbox"
    }, [helpBody, button("helpclose", "kb-close", TEXT.close, hideHelp)]);

    frame = chatUrl ? el("iframe", {
      className: "kb-frame", "data-kb": "frame", name: "klankbord-chat", title: TEXT.frame,
      src: chatUrl.split("#")[0] + "#parent=" + encodeURIComponent(window.location.origin) +
        "&title=" + encodeURIComponent(title),
      referrerpolicy: "no-referrer", sandbox: "allow-scripts allow-same-origin allow-forms",
      hidden: true
    }) : el("span", { hidden: true });

    root = el("aside", { className: "kb-root", lang: "nl", dir: "ltr", "aria-label": TEXT.region, "data-kb": "host" }, [
      el("span", { id: "klankbord-exit-hint", className: "kb-visually-hidden", text: TEXT.exitHint }),
      el("span", { id: "klankbord-waiting", className: "kb-visually-hidden", role: "status", hidden: true, text: TEXT.waiting }),
      frame,
      helpBox,
      dock
    ]);
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.isComposing) {
        if (!helpBox.hidden) {
          hideHelp();
        } else if (isOpen) {
          tellChat("close");
          closeChat();
        }
      }
    });
    document.body.appendChild(root);
  }

  function tellChat(type) {
    if (ready && frame.contentWindow) {
      tell(frame.contentWindow, chatOrigin, type);
    }
  }

  function showHelp(first, returnTo) {
    helpBody.textContent = [first, helpText].filter(Boolean).join("\n\n");
    helpBox.hidden = false;
    helpBox.returnTo = returnTo;
    helpButton.setAttribute("aria-expanded", "true");
    helpBox.focus();
  }

  function hideHelp() {
    helpBox.hidden = true;
    helpButton.setAttribute("aria-expanded", "false");
    (helpBox.returnTo || helpButton).focus();
  }

  function setShown(open) {
    isOpen = open;
    frame.hidden = !open;
    dock.hidden = open;
    helpBox.hidden = true;
    root.classList.toggle("kb-root--open", open);
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // The chat's own script moves the focus to its message box when it gets "open".
  function showChat(moveFocus) {
    setShown(true);
    if (moveFocus) {
      frame.focus();
      tellChat("open");
    }
  }

  function closeChat() {
    setShown(false);
    launcher.focus();
  }

  // Opens the chat once its page has said it is ready; if it never does, Klankbord is
  // unreachable and the pupil gets the helplines here instead of an empty box.
  function openChat() {
    if (ready) {
      showChat(true);
      return;
    }
    setWaiting(true);
    clearTimeout(waitTimer);
    waitTimer = setTimeout(function () {
      setWaiting(false);
      showHelp(TEXT.offline, launcher);
    }, READY_WAIT_MS);
  }

  function setWaiting(waiting) {
    if (!waiting) {
      clearTimeout(waitTimer);
      waitTimer = null;
    }
    document.getElementById("klankbord-waiting").hidden = !waiting;
    if (waiting) {
      root.setAttribute("aria-busy", "true");
    } else {
      root.removeAttribute("aria-busy");
    }
  }

  function onChatMessage(event) {
    var data = messageFrom(event, chatOrigin, frame.contentWindow);
    if (!data) {
      return;
    }
    if (data.type === "ready") {
      ready = true;
      root.setAttribute("data-kb-ready", "1");
      if (waitTimer) {
        setWaiting(false);
        showChat(true);
      } else if (data.open === true) {
        showChat(false);
      }
    } else if (data.type === "close") {
      closeChat();
    } else if (data.type === "exit" || data.type === "exited") {
      leave();
    }
  }

  // ----- quick exit -------------------------------------------------------------------------------

  // The chat forgets itself (it alone can reach its storage), then this page leaves, replacing its
  // history entry. If the chat does not answer at once, the page leaves anyway.
  function quickExit(event) {
    if (event) {
      event.preventDefault();
    }
    try {
      document.title = "";
      document.body.style.visibility = "hidden";
    } catch (e) {
      /* ignore */
    }
    if (ready) {
      tellChat("exit");
      setTimeout(leave, EXIT_WAIT_MS);
    } else {
      leave();
    }
  }

  function leave() {
    if (leaving) {
      return;
    }
    leaving = true;
    try {
      document.body.style.visibility = "hidden";
      if (root.parentNode) {
        root.parentNode.removeChild(root);
      }
    } catch (e) {
      /* ignore */
    }
    window.location.replace(exitUrl);
  }

  // ----- start ------------------------------------------------------------------------------------

  function start() {
    addStylesheet();
    window.addEventListener("message", onChatMessage);
    build();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
