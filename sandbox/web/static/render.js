// One message as a chat client shows it: author and time, text, embeds (colour, fields,
// footer), attachments (images inline), buttons and select menus, its thread, and the mark of
// an ephemeral reply. ctx carries labels, names and the actions (click, select, open channel).
"use strict";

(function (GM) {
  const el = GM.el;

  function hex(color) {
    return "#" + Number(color || 0).toString(16).padStart(6, "0");
  }

  function attachmentUrl(url, ctx) {
    return url + "?as=" + encodeURIComponent(ctx.as);
  }

  function embed(data, ctx) {
    const box = el("div", "embed");
    if (data.color !== undefined && data.color !== null) box.style.borderLeftColor = hex(data.color);
    box.dataset.color = data.color === undefined || data.color === null ? "" : hex(data.color);
    if (data.author && data.author.name) box.appendChild(el("div", "embed-author", data.author.name));
    if (data.title) box.appendChild(GM.markup(data.title, ctx)).classList.add("embed-title");
    if (data.description) {
      box.appendChild(GM.markup(data.description, ctx)).classList.add("embed-description");
    }
    if (data.fields && data.fields.length) {
      const fields = el("div", "embed-fields");
      for (const f of data.fields) {
        const field = el("div", "embed-field" + (f.inline ? " inline" : ""));
        field.appendChild(GM.markup(f.name, ctx)).classList.add("embed-field-name");
        field.appendChild(GM.markup(f.value, ctx)).classList.add("embed-field-value");
        fields.appendChild(field);
      }
      box.appendChild(fields);
    }
    if (data.image && data.image.url) {
      const img = el("img", "embed-image");
      img.src = attachmentUrl(data.image.url, ctx);
      img.alt = data.image.filename || "";
      box.appendChild(img);
    }
    if (data.thumbnail && data.thumbnail.url) {
      const img = el("img", "embed-thumbnail");
      img.src = attachmentUrl(data.thumbnail.url, ctx);
      img.alt = data.thumbnail.filename || "";
      box.appendChild(img);
    }
    const foot = [];
    if (data.footer && data.footer.text) foot.push(data.footer.text);
    if (data.timestamp) foot.push(GM.messageTime(ctx.lang, data.timestamp));
    if (foot.length) box.appendChild(el("div", "embed-footer", foot.join(" • ")));
    return box;
  }

  function emojiText(emoji) {
    if (!emoji) return "";
    return emoji.id ? ":" + (emoji.name || "emoji") + ":" : emoji.name || "";
  }

  function button(comp, msg, ctx) {
    const text = [emojiText(comp.emoji), comp.label || ""].filter(Boolean).join(" ");
    const style = Number(comp.style || 1);
    if (style === 5) {
      const link = el("button", "btn style-5 link-button", text + " ↗");
      link.type = "button";
      link.title = GM.format(ctx.labels.link, { url: comp.url || "" });
      link.disabled = true;
      return link;
    }
    const node = el("button", "btn component style-" + style, text);
    node.type = "button";
    node.dataset.customId = comp.custom_id || "";
    node.disabled = !!comp.disabled;
    node.addEventListener("click", () => ctx.click(msg, comp.custom_id, node));
    return node;
  }

  // The choices of a select menu: its own options, or the server's members, roles, channels.
  function selectOptions(comp, ctx) {
    const dir = ctx.directory;
    const type = Number(comp.type);
    if (type === 3) {
      return (comp.options || []).map((o) => ({
        value: o.value, label: [emojiText(o.emoji), o.label].filter(Boolean).join(" "),
        description: o.description || "", selected: !!o.default,
      }));
    }
    const users = Object.entries(dir.users).map(([id, name]) => ({ value: id, label: "@" + name }));
    const roles = Object.entries(dir.roles).map(([id, r]) => ({ value: id, label: "@" + r.name }));
    if (type === 5) return users;
    if (type === 6) return roles;
    if (type === 7) return users.concat(roles);
    const types = comp.channel_types || null;
    return Object.entries(dir.channels)
      .filter(([id]) => !types || types.includes(dir.channel_types[id]))
      .map(([id, name]) => ({ value: id, label: "#" + name }));
  }

  function select(comp, msg, ctx) {
    const box = el("div", "select component-select");
    box.dataset.customId = comp.custom_id || "";
    const max = Number(comp.max_values || 1);
    const min = comp.min_values === undefined ? 1 : Number(comp.min_values);
    const open = el("button", "select-open", comp.placeholder || ctx.labels.select_placeholder);
    open.type = "button";
    open.disabled = !!comp.disabled;
    const menu = el("div", "select-menu");
    menu.hidden = true;
    const single = max === 1;
    for (const option of selectOptions(comp, ctx)) {
      const row = el("label", "select-option");
      const input = el("input");
      input.type = single ? "radio" : "checkbox";
      input.name = "select-" + msg.id + "-" + comp.custom_id;
      input.value = option.value;
      input.checked = option.selected;
      const text = el("span", null, option.label);
      if (option.description) text.appendChild(el("small", null, option.description));
      row.append(input, text);
      row.dataset.value = option.value;
      if (single) input.addEventListener("change", () => ctx.select(msg, comp.custom_id, [option.value]));
      menu.appendChild(row);
    }
    if (!single) {
      const confirm = el("button", "btn style-1 select-confirm", ctx.labels.choose);
      confirm.type = "button";
      confirm.addEventListener("click", () => {
        const chosen = [...menu.querySelectorAll("input:checked")].map((i) => i.value);
        if (chosen.length >= min && chosen.length <= max) ctx.select(msg, comp.custom_id, chosen);
      });
      menu.appendChild(confirm);
    }
    open.addEventListener("click", () => { menu.hidden = !menu.hidden; });
    box.append(open, menu);
    return box;
  }

  function components(list, msg, ctx, into) {
    for (const comp of list || []) {
      const type = Number(comp.type);
      if (type === 1) {
        const row = el("div", "row");
        components(comp.components, msg, ctx, row);
        into.appendChild(row);
      } else if (type === 2) {
        into.appendChild(button(comp, msg, ctx));
      } else if ([3, 5, 6, 7, 8].includes(type)) {
        into.appendChild(select(comp, msg, ctx));
      } else if (type === 10) {
        into.appendChild(GM.markup(comp.content, ctx));
      } else if (type === 9) {
        const section = el("div", "v2-section");
        components(comp.components, msg, ctx, section);
        if (comp.accessory) components([comp.accessory], msg, ctx, section);
        into.appendChild(section);
      } else if (type === 17) {
        const box = el("div", "v2-container");
        if (comp.accent_color !== undefined && comp.accent_color !== null) {
          box.style.borderLeftColor = hex(comp.accent_color);
        }
        components(comp.components, msg, ctx, box);
        into.appendChild(box);
      } else if (type === 14) {
        into.appendChild(el("hr", "separator"));
      }
    }
  }

  function attachments(msg, ctx) {
    const inEmbeds = new Set();
    for (const e of msg.embeds) {
      for (const key of ["image", "thumbnail"]) if (e[key] && e[key].url) inEmbeds.add(e[key].url);
    }
    const box = el("div", "attachments");
    for (const a of msg.attachments) {
      if (inEmbeds.has(a.url)) continue;
      if (a.image) {
        const img = el("img", "attachment-image");
        img.src = attachmentUrl(a.url, ctx);
        img.alt = a.filename;
        img.dataset.filename = a.filename;
        box.appendChild(img);
      } else {
        const link = el("a", "attachment-file", a.filename + " (" + size(a.size, ctx) + ")");
        link.href = attachmentUrl(a.url, ctx);
        link.download = a.filename;
        link.title = ctx.labels.download;
        box.appendChild(link);
      }
    }
    return box;
  }

  function size(bytes, ctx) {
    const fmt = new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 1 });
    if (bytes < 1024) return fmt.format(bytes) + " B";
    if (bytes < 1048576) return fmt.format(bytes / 1024) + " KB";
    return fmt.format(bytes / 1048576) + " MB";
  }

  const PALETTE = ["👍", "❤️", "😂", "🎉", "👀", "🙏"];

  function popup(cls, label, title, items) {
    const box = el("span", "tool-box");
    const open = el("button", "tool " + cls, label);
    open.type = "button";
    open.title = title;
    const menu = el("div", "tool-menu");
    menu.hidden = true;
    for (const item of items) menu.appendChild(item);
    open.addEventListener("click", () => { menu.hidden = !menu.hidden; });
    box.append(open, menu);
    return box;
  }

  // Reactions and the "Apps" menu (message commands such as "Report message"), on hover.
  function tools(msg, ctx) {
    const bar = el("div", "msg-tools");
    const emoji = PALETTE.map((e) => {
      const pick = el("button", "palette-emoji", e);
      pick.type = "button";
      pick.dataset.emoji = e;
      pick.addEventListener("click", () => ctx.react(msg, e));
      return pick;
    });
    bar.appendChild(popup("react-open", "☺+", ctx.labels.add_reaction, emoji));
    if (ctx.messageCommands.length) {
      const apps = ctx.messageCommands.map((c) => {
        const entry = el("button", "app-entry", c.label);
        entry.type = "button";
        entry.dataset.name = c.name;
        entry.addEventListener("click", () => ctx.messageCommand(msg, c.name));
        return entry;
      });
      bar.appendChild(popup("apps-open", ctx.labels.apps, ctx.labels.apps, apps));
    }
    return bar;
  }

  function reactions(msg, ctx) {
    const box = el("div", "reactions");
    for (const r of msg.reactions) {
      const pill = el("button", "reaction" + (r.me ? " me" : ""), r.label + " " + r.count);
      pill.type = "button";
      pill.dataset.emoji = r.emoji;
      pill.disabled = !r.emoji;
      if (r.emoji) pill.addEventListener("click", () => ctx.react(msg, r.emoji));
      box.appendChild(pill);
    }
    return box;
  }

  GM.renderMessage = function (msg, ctx) {
    const node = el("article", "message" + (msg.ephemeral ? " ephemeral" : ""));
    node.dataset.id = msg.id;
    node.dataset.author = msg.author.name;
    if (msg.command) {
      const used = GM.format(ctx.labels.used_command, { name: ctx.commandLabel(msg.command.name) });
      node.appendChild(el("div", "context command-context", msg.command.user + " " + used));
    }
    if (msg.reply) {
      const line = "↳ " + GM.format(ctx.labels.reply_to, { name: msg.reply.name });
      node.appendChild(el("div", "context reply-context", line + (msg.reply.excerpt ? ": " + msg.reply.excerpt : "")));
    }
    const meta = el("div", "meta");
    meta.appendChild(el("span", "author", msg.author.name));
    if (msg.author.bot) meta.appendChild(el("span", "tag", ctx.labels.app));
    const time = el("time", "time", GM.messageTime(ctx.lang, msg.timestamp));
    time.dateTime = msg.timestamp || "";
    meta.appendChild(time);
    if (msg.edited) meta.appendChild(el("span", "edited", ctx.labels.edited));
    node.appendChild(meta);
    if (msg.loading) {
      node.appendChild(el("div", "loading", GM.format(ctx.labels.thinking, { bot: ctx.bot })));
    }
    if (msg.content) node.appendChild(GM.markup(msg.content, ctx)).classList.add("content");
    for (const e of msg.embeds) node.appendChild(embed(e, ctx));
    if (msg.attachments.length) node.appendChild(attachments(msg, ctx));
    if (msg.components.length) {
      const box = el("div", "components");
      components(msg.components, msg, ctx, box);
      node.appendChild(box);
    }
    if (msg.thread) {
      const link = el("button", "thread-link", ctx.labels.thread + ": " + msg.thread.name);
      link.type = "button";
      link.dataset.thread = msg.thread.id;
      link.title = ctx.labels.open_thread;
      link.addEventListener("click", () => ctx.openChannel(msg.thread.id));
      node.appendChild(link);
    }
    if (msg.reactions.length) node.appendChild(reactions(msg, ctx));
    if (msg.ephemeral) node.appendChild(el("div", "ephemeral-note", ctx.labels.only_you));
    if (ctx.tools && !msg.ephemeral && !msg.system) node.appendChild(tools(msg, ctx));
    return node;
  };
})(window.GM);
