// The page: who the visitor is, the channel list, the messages (updated live from the server's
// event stream), the composer, and the tour's "next step".
"use strict";

(function (GM) {
  const el = GM.el;
  const $ = (id) => document.getElementById(id);

  const app = {
    labels: {}, lang: "en", state: null, as: null, channel: null, view: null,
    directory: { users: {}, roles: {}, channels: {}, channel_types: {} },
    commands: null, loading: false, again: false, nodes: new Map(), seen: {},
  };
  GM.app = app;

  async function call(method, url, body) {
    const options = { method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    if (!response.ok) throw new Error(response.status + " " + (await response.text()));
    return response.json();
  }

  function toast(text) {
    const box = $("toast");
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
  }
  app.toast = toast;

  // An action as the chosen person; a form the bot answers with opens as a dialog.
  app.act = async function (body, quiet) {
    let answer;
    try {
      answer = await call("POST", "/api/act", Object.assign({ as: app.as }, body));
    } catch (error) {
      answer = { ok: false, error: String(error.message || error) };
    }
    if (!answer.ok && !quiet) toast(answer.error);
    if (answer.ok && answer.modal) GM.showModal(answer.modal, answer.interaction);
    return answer;
  };

  app.loadCommands = async function () {
    if (!app.commands) {
      const found = await call("GET", "/api/commands?as=" + encodeURIComponent(app.as));
      app.commands = found.commands;
      app.messageCommands = found.message_commands;
    }
    return app.commands;
  };

  app.channelKind = function () {
    const found = app.view && app.view.channel;
    return found ? found.kind : "";
  };

  function commandLabel(name) {
    const first = (app.commands || []).find((e) => e.path.split(" ")[0] === name.split(" ")[0]);
    if (!first) return name;
    const rest = name.split(" ").slice(1);
    const entry = app.commands.find((e) => e.path === name);
    return entry ? entry.label : [first.label.split(" ")[0]].concat(rest).join(" ");
  }

  app.ctx = function () {
    return {
      labels: app.labels, lang: app.lang, directory: app.directory, as: app.as,
      bot: app.state.bot.name, commandLabel,
      openChannel: (id) => { app.channel = id; GM.closePicker(); refresh(); },
      click: async (msg, customId, node) => {
        node.disabled = true;
        try { await app.act({ action: "click", message: msg.id, custom_id: customId }); }
        finally { node.disabled = false; }
      },
      select: (msg, customId, values) =>
        app.act({ action: "select", message: msg.id, custom_id: customId, values }),
      react: (msg, emoji) => app.act({ action: "react", message: msg.id, emoji }),
      messageCommand: (msg, name) => app.act({ action: "message_command", message: msg.id, name }),
      messageCommands: app.channelKind() === "dm" ? [] : app.messageCommands || [],
      tools: app.channelKind() !== "dm",
    };
  };

  // ------------------------------------------------------------------- rendering
  function renderChannels(list) {
    const channels = $("channels");
    const dms = $("dms");
    channels.replaceChildren();
    dms.replaceChildren();
    for (const c of list) {
      const item = el("li");
      const prefix = { channel: "# ", thread: "↳ ", category: "", voice: "♪ ", dm: "@ " }[c.kind];
      const link = el("button", "channel " + c.kind, prefix + c.name);
      link.type = "button";
      link.dataset.id = c.id;
      link.dataset.kind = c.kind;
      const seen = app.seen[c.id];
      if (app.view.channel && c.id === app.view.channel.id) {
        link.classList.add("active");
        app.seen[c.id] = c.last;
      } else if (seen === undefined) {
        app.seen[c.id] = c.last;
      } else if (BigInt(c.last) > BigInt(seen)) {
        link.classList.add("unread");
      }
      if (c.kind !== "category" && c.kind !== "voice") {
        link.addEventListener("click", () => { app.channel = c.id; GM.closePicker(); refresh(); });
      }
      item.appendChild(link);
      (c.kind === "dm" ? dms : channels).appendChild(item);
    }
    $("dms-title").hidden = !dms.children.length;
  }

  function renderMessages(list, switched) {
    const box = $("messages");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const ctx = app.ctx();
    const keep = new Map();
    const nodes = [];
    for (const msg of list) {
      const key = JSON.stringify(msg);
      const known = app.nodes.get(msg.id);
      const node = known && known.key === key ? known.node : GM.renderMessage(msg, ctx);
      keep.set(msg.id, { key, node });
      nodes.push(node);
    }
    if (!list.length) nodes.push(el("div", "empty", app.labels.no_messages));
    const same = nodes.length === box.children.length && nodes.every((n, i) => box.children[i] === n);
    if (!same) box.replaceChildren(...nodes);
    app.nodes = keep;
    if (switched || (atBottom && !same)) box.scrollTop = box.scrollHeight;
  }

  function render(data) {
    app.view = data;
    app.directory = data.directory;
    renderChannels(data.channels);
    const channel = data.channel;
    const labels = app.labels;
    $("channel-name").textContent = channel ? (channel.kind === "dm" ? "@ " : "# ") + channel.name : "";
    $("channel-topic").textContent = channel ? channel.topic : "";
    const switched = !channel || app.shown !== channel.id;
    if (channel && app.channel !== channel.id) app.channel = channel.id;
    if (switched) app.nodes = new Map();
    app.shown = channel ? channel.id : null;
    const input = $("composer-input");
    input.placeholder = channel ? GM.format(channel.kind === "dm" ? labels.message_to : labels.message_in,
      { channel: channel.name, name: channel.name }) : "";
    input.disabled = !channel || !channel.can_send;
    $("send").disabled = input.disabled;
    renderMessages(data.messages, switched);
    if (data.tour) renderTour(data.tour);
    $("messages").dataset.channel = channel ? channel.id : "";
    document.body.dataset.version = data.version;
    document.body.dataset.as = app.as;
  }

  // One view request at a time; changes during a request load once more afterwards.
  async function refresh() {
    if (app.loading) { app.again = true; return; }
    app.loading = true;
    try {
      do {
        app.again = false;
        const query = "?as=" + encodeURIComponent(app.as) +
          (app.channel ? "&channel=" + encodeURIComponent(app.channel) : "");
        await app.loadCommands().catch(() => {});
        render(await call("GET", "/api/view" + query));
      } while (app.again);
    } catch (error) {
      toast(String(error.message || error));
    } finally {
      app.loading = false;
    }
  }
  app.refresh = refresh;

  // --------------------------------------------------------------------- the tour
  function renderTour(tour) {
    const box = $("tour");
    box.hidden = !tour;
    if (!tour) return;
    const labels = app.labels;
    $("tour-title").textContent = labels.tour;
    const finished = tour.done >= tour.total;
    $("tour-step").textContent = finished ? "" :
      GM.format(labels.step_of, { n: tour.done + 1, total: tour.total });
    $("tour-text").textContent = finished ? labels.tour_done : tour.next;
    const next = $("tour-next");
    next.textContent = labels.next_step;
    next.disabled = finished || tour.busy || app.stepping;
    box.dataset.done = tour.done;
    const lines = $("tour-transcript");
    lines.replaceChildren(...(tour.transcript || []).map((line) => el("li", null, line)));
  }

  async function nextStep() {
    const next = $("tour-next");
    next.disabled = true;
    app.stepping = true;
    try {
      const answer = await call("POST", "/api/tour/next", {});
      if (!answer.ok) toast(answer.error);
    } catch (error) {
      toast(String(error.message || error));
    }
    app.stepping = false;
    app.state = await call("GET", "/api/state");
    renderTour(app.state.tour);
  }

  // ------------------------------------------------------------------------ start
  function fillVisitors() {
    const select = $("visitor");
    select.replaceChildren();
    for (const role of ["member", "moderator", "admin"]) {
      const people = app.state.people.filter((p) => p.role === role);
      if (!people.length) continue;
      const group = el("optgroup");
      group.label = app.labels["role." + role];
      for (const p of people) {
        const option = el("option", null, p.name + " (" + app.labels["role." + role] + ")");
        option.value = p.key;
        option.dataset.role = role;
        group.appendChild(option);
      }
      select.appendChild(group);
    }
    const stored = sessionStorage.getItem("as");
    const known = app.state.people.some((p) => p.key === stored);
    app.as = known ? stored : (app.state.people[0] || {}).key;
    select.value = app.as;
  }

  function connect() {
    const events = new EventSource("/api/events");
    events.addEventListener("change", () => { $("offline").hidden = true; refresh(); });
    events.onerror = () => { $("offline").hidden = false; };
  }

  async function start() {
    app.state = await call("GET", "/api/state");
    app.labels = app.state.labels;
    app.lang = app.state.lang;
    const labels = app.labels;
    document.documentElement.lang = app.lang;
    document.title = labels.title + " – " + app.state.guild.name;
    $("guild-name").textContent = app.state.guild.name;
    $("you-are").textContent = labels.you_are;
    $("channels-title").textContent = labels.channels;
    $("dms-title").textContent = labels.dms;
    $("send").textContent = labels.send;
    $("picker-button").title = labels.commands;
    $("command-run").textContent = labels.run;
    $("command-cancel").textContent = labels.cancel;
    $("offline").textContent = labels.offline;
    fillVisitors();
    renderTour(app.state.tour);
    GM.initPicker();
    $("visitor").addEventListener("change", (event) => {
      app.as = event.target.value;
      sessionStorage.setItem("as", app.as);
      app.commands = null;
      app.nodes = new Map();
      GM.closePicker();
      GM.closeModal(); // a form belongs to the person it was opened for
      refresh();
    });
    $("composer").addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = $("composer-input");
      const text = input.value;
      if (text.startsWith("/")) { GM.openPicker(text); return; }
      if (!text.trim()) return;
      const answer = await app.act({ action: "send", channel: app.channel, content: text });
      if (answer.ok) input.value = "";
    });
    $("composer-input").addEventListener("input", (event) => {
      if (event.target.value === "/") GM.openPicker("");
    });
    $("picker-button").addEventListener("click", () => GM.openPicker(""));
    $("tour-next").addEventListener("click", nextStep);
    await refresh();
    connect();
    document.body.dataset.ready = "yes";
  }

  document.addEventListener("DOMContentLoaded", start);
})(window.GM);
