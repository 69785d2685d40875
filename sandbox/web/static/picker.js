// The command picker (the bot's slash commands as the chosen person's client lists them, with
// a form for their options and autocomplete) and the bot's forms (modals) as dialogs.
"use strict";

(function (GM) {
  const el = GM.el;
  const $ = (id) => document.getElementById(id);
  const STRING = 3, INTEGER = 4, BOOLEAN = 5, USER = 6, CHANNEL = 7, ROLE = 8, MENTIONABLE = 9,
    NUMBER = 10, ATTACHMENT = 11;

  let current = null; // the command whose form is open

  GM.openPicker = async function (filter) {
    const app = GM.app;
    const entries = await app.loadCommands();
    $("command-form").hidden = true;
    $("picker").hidden = false;
    const search = $("picker-search");
    search.placeholder = app.labels.command_search;
    search.value = filter || "";
    listCommands(entries);
    search.focus();
  };

  GM.closePicker = function () {
    $("picker").hidden = true;
    $("command-form").hidden = true;
    current = null;
  };

  function listCommands(entries) {
    const app = GM.app;
    const needle = $("picker-search").value.replace(/^\//, "").trim().toLowerCase();
    const inDm = app.channelKind() === "dm";
    const list = $("picker-list");
    list.replaceChildren();
    const shown = entries.filter((e) => (!inDm || e.dm) &&
      (e.label.toLowerCase().includes(needle) || e.path.includes(needle)));
    for (const entry of shown) {
      const item = el("li", "command-entry", "/" + entry.label);
      item.dataset.path = entry.path;
      item.appendChild(el("small", null, entry.hint));
      item.addEventListener("click", () => openForm(entry));
      list.appendChild(item);
    }
    if (!shown.length) list.appendChild(el("li", "empty", app.labels.no_commands));
  }

  function choiceSelect(choices, required) {
    const select = el("select");
    if (!required) select.appendChild(el("option", null, ""));
    for (const c of choices) {
      const option = el("option", null, c.label);
      option.value = String(c.value);
      select.appendChild(option);
    }
    return select;
  }

  function entityChoices(option) {
    const dir = GM.app.directory;
    const users = Object.entries(dir.users).map(([id, name]) => ({ value: id, label: "@" + name }));
    const roles = Object.entries(dir.roles).map(([id, r]) => ({ value: id, label: "@" + r.name }));
    if (option.type === USER) return users;
    if (option.type === ROLE) return roles;
    if (option.type === MENTIONABLE) return users.concat(roles);
    const types = option.channel_types || null;
    return Object.entries(dir.channels)
      .filter(([id]) => !types || types.includes(dir.channel_types[id]))
      .map(([id, name]) => ({ value: id, label: "#" + name }));
  }

  function inputFor(option, entry) {
    const labels = GM.app.labels;
    if (option.choices) return choiceSelect(option.choices, option.required);
    if (option.type === BOOLEAN) {
      return choiceSelect([{ label: labels.yes, value: "true" }, { label: labels.no, value: "false" }],
        option.required);
    }
    if ([USER, CHANNEL, ROLE, MENTIONABLE].includes(option.type)) {
      return choiceSelect(entityChoices(option), option.required);
    }
    const input = el("input");
    if (option.type === ATTACHMENT) {
      input.type = "file";
      return input;
    }
    if (option.type === INTEGER || option.type === NUMBER) {
      input.type = "number";
      input.step = option.type === INTEGER ? "1" : "any";
      if (option.min_value !== undefined) input.min = option.min_value;
      if (option.max_value !== undefined) input.max = option.max_value;
    } else {
      input.type = "text";
      if (option.max_length) input.maxLength = option.max_length;
    }
    input.required = option.required;
    if (option.autocomplete) attachAutocomplete(input, option, entry);
    return input;
  }

  function attachAutocomplete(input, option, entry) {
    const list = el("ul", "suggestions");
    list.dataset.option = option.name;
    input.placeholder = GM.app.labels.suggestions;
    let timer = null;
    let asked = 0;
    const ask = async () => {
      const mine = ++asked;
      const answer = await GM.app.act({
        action: "autocomplete", channel: GM.app.channel, command: entry.path,
        options: collect(false), focused: option.name,
      }, true);
      if (mine !== asked || !answer.ok) return;
      list.replaceChildren();
      for (const choice of answer.choices) {
        const item = el("li", "suggestion", choice.label);
        item.dataset.value = String(choice.value);
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          input.value = choice.label;
          input.dataset.value = String(choice.value);
          list.replaceChildren();
        });
        list.appendChild(item);
      }
    };
    input.addEventListener("input", () => {
      delete input.dataset.value;
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("focus", ask);
    input.addEventListener("blur", () => setTimeout(() => list.replaceChildren(), 150));
    input.after(list);
    input.suggestions = list;
  }

  function openForm(entry) {
    const app = GM.app;
    current = entry;
    $("picker").hidden = true;
    $("command-form").hidden = !entry.options.length; // without options it runs at once
    $("command-title").textContent = "/" + entry.label;
    $("command-title").dataset.path = entry.path;
    $("command-hint").textContent = entry.hint;
    const fields = $("command-fields");
    fields.replaceChildren();
    for (const option of entry.options) {
      const field = el("label", "field");
      const name = el("span", null, option.label + (option.required ? " *" : ""));
      name.appendChild(el("small", null, " " + option.hint +
        (option.required ? " (" + app.labels.required + ")" : "")));
      const input = inputFor(option, entry);
      input.dataset.option = option.name;
      input.dataset.type = option.type;
      field.append(name, input);
      if (input.suggestions) field.appendChild(input.suggestions);
      fields.appendChild(field);
    }
    const first = fields.querySelector("input, select");
    if (first) first.focus();
    if (!entry.options.length) runCommand();
  }

  function readFile(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  function collect(withFiles) {
    const values = {};
    for (const input of $("command-fields").querySelectorAll("[data-option]")) {
      if (input.tagName === "UL") continue;
      if (input.type === "file") {
        if (withFiles && input.files.length) values[input.dataset.option] = input.files[0];
        continue;
      }
      values[input.dataset.option] = input.dataset.value !== undefined ? input.dataset.value : input.value;
    }
    return values;
  }

  async function runCommand() {
    if (!current) return;
    const entry = current;
    const values = collect(true);
    for (const [name, value] of Object.entries(values)) {
      if (value instanceof File) values[name] = { filename: value.name, data: await readFile(value) };
    }
    const run = $("command-run");
    run.disabled = true;
    try {
      const answer = await GM.app.act({
        action: "invoke", channel: GM.app.channel, command: entry.path, options: values,
      });
      if (answer.ok) {
        GM.closePicker();
        $("composer-input").value = "";
      }
    } finally {
      run.disabled = false;
    }
  }

  // --------------------------------------------------------------- the bot's forms (modals)
  function modalField(comp, labelText, description) {
    const field = el("label", "field");
    const head = el("span", null, labelText || comp.label || "");
    if (description) head.appendChild(el("small", null, " " + description));
    let input;
    if (Number(comp.type) === 4) {
      input = el(Number(comp.style) === 2 ? "textarea" : "input");
      if (input.tagName === "INPUT") input.type = "text";
      if (input.tagName === "TEXTAREA") input.rows = 4;
      input.placeholder = comp.placeholder || "";
      input.value = comp.value || "";
      input.required = comp.required !== false;
      if (comp.min_length) input.minLength = comp.min_length;
      if (comp.max_length) input.maxLength = comp.max_length;
    } else {
      input = choiceSelect((comp.options || []).map((o) => ({ label: o.label, value: o.value })),
        comp.required !== false);
      if (Number(comp.max_values || 1) > 1) input.multiple = true;
    }
    input.dataset.customId = comp.custom_id;
    field.append(head, input);
    return field;
  }

  function modalComponents(list, into) {
    for (const comp of list || []) {
      const type = Number(comp.type);
      if (type === 1) modalComponents(comp.components, into);
      else if (type === 18) into.appendChild(modalField(comp.component, comp.label, comp.description));
      else if (type === 10) into.appendChild(GM.markup(comp.content, GM.app.ctx()));
      else if (type === 4 || type === 3) into.appendChild(modalField(comp));
    }
  }

  let openModal = null;

  GM.closeModal = function () {
    openModal = null;
    if ($("modal").open) $("modal").close();
  };

  GM.showModal = function (modal, interaction) {
    const labels = GM.app.labels;
    openModal = { modal, interaction };
    $("modal-title").textContent = modal.title || "";
    $("modal-cancel").textContent = labels.cancel;
    $("modal-submit").textContent = labels.submit;
    const fields = $("modal-fields");
    fields.replaceChildren();
    modalComponents(modal.components, fields);
    const dialog = $("modal");
    dialog.dataset.customId = modal.custom_id || "";
    if (!dialog.open) dialog.showModal();
    const first = fields.querySelector("input, textarea, select");
    if (first) first.focus();
  };

  async function submitModal(event) {
    event.preventDefault();
    if (!openModal) return;
    const values = {};
    for (const input of $("modal-fields").querySelectorAll("[data-custom-id]")) {
      values[input.dataset.customId] = input.multiple
        ? [...input.selectedOptions].map((o) => o.value) : input.value;
    }
    const { modal, interaction } = openModal;
    openModal = null;
    $("modal").close();
    await GM.app.act({ action: "modal", interaction, custom_id: modal.custom_id, values });
  }

  GM.initPicker = function () {
    $("picker-search").addEventListener("input", async () => listCommands(await GM.app.loadCommands()));
    $("picker-search").addEventListener("keydown", async (event) => {
      const entries = [...$("picker-list").querySelectorAll(".command-entry")];
      const at = entries.findIndex((e) => e.classList.contains("active"));
      if (event.key === "Escape") GM.closePicker();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const next = Math.max(0, Math.min(entries.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)));
        entries.forEach((e, i) => e.classList.toggle("active", i === next));
        if (entries[next]) entries[next].scrollIntoView({ block: "nearest" });
      }
      if (event.key === "Enter") {
        event.preventDefault();
        const chosen = entries[Math.max(at, 0)];
        if (chosen) chosen.click();
      }
    });
    $("command-form").addEventListener("submit", (event) => { event.preventDefault(); runCommand(); });
    $("command-cancel").addEventListener("click", GM.closePicker);
    $("modal-form").addEventListener("submit", submitModal);
    $("modal-cancel").addEventListener("click", GM.closeModal);
  };
})(window.GM);
