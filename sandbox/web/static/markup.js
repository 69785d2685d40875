// Discord's message markup, turned into DOM nodes. Every piece of text goes in through
// textContent or createTextNode: what members type is shown as text, never parsed as HTML.
"use strict";
window.GM = window.GM || {};

(function (GM) {
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  GM.el = el;

  GM.format = function (template, values) {
    return String(template).replace(/\{(\w+)\}/g, (whole, key) =>
      key in values ? String(values[key]) : whole);
  };

  function dateStyle(lang, style, date) {
    const opts = {
      t: { timeStyle: "short" }, T: { timeStyle: "medium" }, d: { dateStyle: "short" },
      D: { dateStyle: "long" }, f: { dateStyle: "long", timeStyle: "short" },
      F: { dateStyle: "full", timeStyle: "short" },
    }[style] || { dateStyle: "long", timeStyle: "short" };
    return new Intl.DateTimeFormat(lang, opts).format(date);
  }

  GM.relative = function (lang, date) {
    const seconds = (date.getTime() - Date.now()) / 1000;
    const units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
      ["hour", 3600], ["minute", 60], ["second", 1]];
    const fmt = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size || unit === "second") {
        return fmt.format(Math.round(seconds / size), unit);
      }
    }
    return "";
  };

  GM.messageTime = function (lang, iso) {
    const date = new Date(iso);
    if (isNaN(date)) return "";
    const today = new Date().toDateString() === date.toDateString();
    const opts = today ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" };
    return new Intl.DateTimeFormat(lang, opts).format(date);
  };

  const INLINE = new RegExp([
    "(`[^`\\n]+`)", "(\\*\\*[^*]+?\\*\\*)", "(__[^_]+?__)", "(~~[^~]+?~~)",
    "(\\*[^*\\n]+?\\*)", "((?<!\\w)_[^_\\n]+?_(?!\\w))", "(<@!?\\d+>)", "(<@&\\d+>)", "(<#\\d+>)",
    "(</[^:>]+:\\d+>)", "(<t:-?\\d+(?::[tTdDfFR])?>)", "(\\[[^\\]\\n]+\\]\\([^)\\s]+\\))",
  ].join("|"), "g");

  function inline(text, ctx, into) {
    let last = 0;
    for (const m of text.matchAll(INLINE)) { // matchAll copies the pattern: safe to recurse
      if (m.index > last) into.appendChild(document.createTextNode(text.slice(last, m.index)));
      into.appendChild(token(m[0], ctx));
      last = m.index + m[0].length;
    }
    if (last < text.length) into.appendChild(document.createTextNode(text.slice(last)));
    return into;
  }

  function wrap(tag, inner, ctx) {
    return inline(inner, ctx, el(tag));
  }

  function token(raw, ctx) {
    const dir = ctx.directory || {};
    let m;
    if (raw[0] === "`") return el("code", null, raw.slice(1, -1));
    if (raw.startsWith("**")) return wrap("strong", raw.slice(2, -2), ctx);
    if (raw.startsWith("__")) return wrap("u", raw.slice(2, -2), ctx);
    if (raw.startsWith("~~")) return wrap("s", raw.slice(2, -2), ctx);
    if (raw[0] === "*" || raw[0] === "_") return wrap("em", raw.slice(1, -1), ctx);
    if ((m = /^<@&(\d+)>$/.exec(raw))) {
      const role = (dir.roles || {})[m[1]];
      return el("span", "mention", "@" + (role ? role.name : m[1]));
    }
    if ((m = /^<@!?(\d+)>$/.exec(raw))) {
      return el("span", "mention", "@" + ((dir.users || {})[m[1]] || m[1]));
    }
    if ((m = /^<#(\d+)>$/.exec(raw))) {
      const name = (dir.channels || {})[m[1]];
      const node = el("span", "mention channel-mention", "#" + (name || m[1]));
      if (name && ctx.openChannel) node.addEventListener("click", () => ctx.openChannel(m[1]));
      return node;
    }
    if ((m = /^<\/([^:>]+):\d+>$/.exec(raw))) {
      return el("span", "cmd", "/" + (ctx.commandLabel ? ctx.commandLabel(m[1]) : m[1]));
    }
    if ((m = /^<t:(-?\d+)(?::([tTdDfFR]))?>$/.exec(raw))) {
      const date = new Date(Number(m[1]) * 1000);
      const text = m[2] === "R" ? GM.relative(ctx.lang, date) : dateStyle(ctx.lang, m[2], date);
      const node = el("time", "timestamp", text);
      node.title = dateStyle(ctx.lang, "F", date);
      return node;
    }
    if ((m = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(raw))) {
      const node = wrap("span", m[1], ctx);
      node.className = "masked-link";
      node.title = m[2];
      return node;
    }
    return document.createTextNode(raw);
  }

  // Block markup: code fences, quotes, headings, subtext, list bullets; inline markup within.
  GM.markup = function (text, ctx) {
    const root = el("div", "markup");
    const parts = String(text || "").split("```");
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        const body = part.replace(/^[\w+-]*\n/, "");
        root.appendChild(el("pre", null, body));
        return;
      }
      const lines = part.split("\n");
      if (i > 0 && lines[0] === "") lines.shift();
      if (i < parts.length - 1 && lines[lines.length - 1] === "") lines.pop();
      for (const line of lines) {
        let m;
        let node;
        if ((m = /^>>?>? ?(.*)$/.exec(line)) && line.startsWith(">")) {
          node = inline(m[1], ctx, el("blockquote", "line"));
        } else if ((m = /^(#{1,3}) (.*)$/.exec(line))) {
          node = inline(m[2], ctx, el("div", "line h" + m[1].length));
        } else if ((m = /^-# (.*)$/.exec(line))) {
          node = inline(m[1], ctx, el("div", "line subtext"));
        } else if ((m = /^(\s*)[-*] (.*)$/.exec(line))) {
          node = el("div", "line");
          node.appendChild(document.createTextNode(m[1] + "• "));
          inline(m[2], ctx, node);
        } else {
          node = inline(line, ctx, el("div", "line"));
        }
        root.appendChild(node);
      }
    });
    return root;
  };
})(window.GM);
