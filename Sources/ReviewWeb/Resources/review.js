// Tweetal review in the browser: keys and clicks become edit requests (POST, JSON, with the
// X-Tweetal-Request header); the server applies them through the edit engine, saves at once and
// answers with the beads and map marks that changed (or, when the page is not of the version the
// request names, everything rendered again). No framework, no build step.
"use strict";
(function () {
  const body = document.body;
  const file = body.dataset.file;
  if (!file) return;
  const beadsBox = document.getElementById("beads");
  const mapBox = document.getElementById("map");
  const message = document.getElementById("message");
  const summary = document.getElementById("summary");
  let current = 1;
  let busy = false;
  let suspicious = [];
  let version = null;

  function beadCount() { return beadsBox.querySelectorAll(".bead").length; }
  function beadElement(n) { return document.getElementById("b" + n); }

  function say(text, isError) {
    message.textContent = text || "";
    message.classList.toggle("error", !!isError);
  }

  function select(n, scroll) {
    const count = beadCount();
    if (count === 0) return;
    n = Math.max(1, Math.min(count, n));
    const old = beadsBox.querySelector(".bead.current");
    if (old) old.classList.remove("current");
    current = n;
    const element = beadElement(n);
    element.classList.add("current");
    addTools(element);
    if (scroll !== false) element.scrollIntoView({ block: "nearest" });
  }

  // The buttons of the current bead: the same operations as the keys.
  function addTools(element) {
    beadsBox.querySelectorAll(".bead-tools").forEach((tools) => tools.remove());
    const tools = document.createElement("div");
    tools.className = "bead-tools";
    const buttons = [
      ["confirm", "c", "confirm"], ["release", "x", "unconfirm"], ["merge with next", "m", "merge"],
      ["split…", "s", "split"], ["< shift up", "<", "shift-up"], ["shift down >", ">", "shift-down"],
      ["edit text…", "e", "text"], ["unlink", "l", "unlink"], ["link to…", "", "link"],
    ];
    for (const [label, key, action] of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.dataset.action = action;
      if (key) button.title = "key " + key;
      tools.appendChild(button);
    }
    element.appendChild(tools);
  }

  async function send(request) {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch("/api/files/" + encodeURIComponent(file) + "/edit", {
        method: "POST",
        headers: Object.assign({ "Content-Type": "application/json", "X-Tweetal-Request": "1" },
          version ? { "X-Tweetal-Version": version } : {}),
        body: JSON.stringify(request),
        credentials: "same-origin",
      });
      const reply = await response.json();
      if (!response.ok) {
        say(reply.error || ("request failed: " + response.status), true);
        return;
      }
      show(reply);
    } catch (error) {
      say("the server did not answer: " + error, true);
    } finally {
      busy = false;
    }
  }

  // Puts the beads numbered from 1 in order again: ids, anchors, numbers, map marks and titles.
  function renumber() {
    beadsBox.querySelectorAll(".bead").forEach((element, index) => {
      const n = String(index + 1);
      if (element.dataset.bead === n) return;
      element.id = "b" + n;
      element.dataset.bead = n;
      const number = element.querySelector(".head .number");
      number.textContent = n;
      number.setAttribute("href", "#b" + n);
    });
    mapBox.querySelectorAll("svg.map a[data-bead]").forEach((mark, index) => {
      const n = String(index + 1);
      if (mark.dataset.bead === n) return;
      mark.dataset.bead = n;
      mark.setAttribute("href", "#b" + n);
      const title = mark.querySelector("title");
      if (title) title.textContent = title.textContent.replace(/^bead \d+/, "bead " + n);
    });
  }

  // Replaces `reply.replaces` beads from `reply.first` with the reply's fragment, on the page and
  // on the map.
  function patch(reply) {
    const first = reply.first;
    const old = Array.from(beadsBox.querySelectorAll(".bead")).slice(first - 1, first - 1 + reply.replaces);
    const marks = Array.from(mapBox.querySelectorAll("svg.map a[data-bead]"))
      .slice(first - 1, first - 1 + reply.replaces);
    const next = beadElement(first + reply.replaces);
    const nextMark = mapBox.querySelector('svg.map a[data-bead="' + (first + reply.replaces) + '"]');
    old.forEach((element) => element.remove());
    marks.forEach((mark) => mark.remove());
    const template = document.createElement("template");
    template.innerHTML = reply.html;
    beadsBox.insertBefore(template.content, next);
    const parsed = new DOMParser().parseFromString(
      '<svg xmlns="http://www.w3.org/2000/svg">' + reply.map + "</svg>", "image/svg+xml");
    const svg = mapBox.querySelector("svg.map");
    for (const mark of Array.from(parsed.documentElement.childNodes)) {
      svg.insertBefore(document.importNode(mark, true), nextMark);
    }
    renumber();
  }

  function show(reply) {
    if (reply.first) {
      patch(reply);
    } else {
      beadsBox.innerHTML = reply.html;
      mapBox.innerHTML = reply.map;
    }
    version = reply.version;
    summary.textContent = reply.summary;
    suspicious = reply.suspicious;
    body.dataset.canUndo = reply.canUndo;
    say(reply.message || (reply.changed ? "" : "nothing changed"));
    select(reply.focus);
  }

  async function load() {
    const response = await fetch("/api/files/" + encodeURIComponent(file), { credentials: "same-origin" });
    const reply = await response.json();
    if (!response.ok) { say(reply.error, true); return; }
    const hash = /^#b(\d+)$/.exec(location.hash);
    show(reply);
    say("");
    if (hash) select(Number(hash[1]));
    body.dataset.ready = "1";
  }

  function bead() { return beadElement(current); }

  // A small form in a <dialog>; resolves with the form's values, or null when cancelled.
  function ask(title, fields) {
    return new Promise((resolve) => {
      const dialog = document.createElement("dialog");
      const form = document.createElement("form");
      form.method = "dialog";
      const heading = document.createElement("h2");
      heading.textContent = title;
      form.appendChild(heading);
      for (const field of fields) {
        const label = document.createElement("label");
        label.textContent = field.label + " ";
        let input;
        if (field.options) {
          input = document.createElement("select");
          for (const [value, text] of field.options) {
            const option = document.createElement("option");
            option.value = value;
            option.textContent = text;
            input.appendChild(option);
          }
          if (field.value !== undefined) input.value = String(field.value);
        } else if (field.multiline) {
          input = document.createElement("textarea");
          input.value = field.value || "";
        } else {
          input = document.createElement("input");
          input.type = field.type || "text";
          input.value = field.value === undefined ? "" : String(field.value);
        }
        input.name = field.name;
        label.appendChild(input);
        form.appendChild(label);
      }
      const ok = document.createElement("button");
      ok.value = "ok";
      ok.textContent = "OK";
      const cancel = document.createElement("button");
      cancel.value = "cancel";
      cancel.textContent = "cancel";
      form.append(ok, " ", cancel);
      dialog.appendChild(form);
      document.body.appendChild(dialog);
      dialog.addEventListener("close", () => {
        const values = {};
        for (const element of form.elements) if (element.name) values[element.name] = element.value;
        dialog.remove();
        resolve(dialog.returnValue === "ok" ? values : null);
      });
      dialog.showModal();
      const first = form.querySelector("select, input, textarea");
      if (first) first.focus();
    });
  }

  function sentences(side) {
    return Array.from(bead().querySelectorAll("." + side + " p")).map((p) => p.textContent);
  }

  // The sentence picker: how many sentences of each side stay in this bead.
  async function split() {
    const source = sentences("src");
    const target = sentences("tgt");
    const options = (list, side) =>
      list.map((text, index) => [index, index === 0 ? "none of the " + side : "up to: " + list[index - 1].slice(0, 70)])
        .concat([[list.length, list.length ? "all " + list.length + " (" + side + ")" : "none"]]);
    const values = await ask("Split bead " + current + ": what stays in it?", [
      { name: "source", label: "source:", options: options(source, "source"), value: Math.min(1, source.length) },
      { name: "target", label: "target:", options: options(target, "target"), value: Math.min(1, target.length) },
    ]);
    if (values) send({ op: "split", bead: current, source: Number(values.source), target: Number(values.target) });
  }

  async function shift(direction) {
    const values = await ask(
      direction === "up" ? "Move the first sentence into the previous bead" : "Move the last sentence into the next bead",
      [{ name: "side", label: "side:", options: [["source", "source"], ["target", "target"]] }]);
    if (values) send({ op: "shift", bead: current, side: values.side, direction: direction });
  }

  async function editText() {
    const source = sentences("src");
    const target = sentences("tgt");
    const sides = [];
    if (source.length === 1) sides.push(["source", "source"]);
    if (target.length === 1) sides.push(["target", "target"]);
    if (sides.length === 0) { say("only a one-sentence side can be edited; split the bead first", true); return; }
    const which = sides.length === 1 ? sides[0][0] : (await ask("Edit which side?", [{ name: "side", label: "side:", options: sides }]) || {}).side;
    if (!which) return;
    const old = (which === "source" ? source[0] : target[0]).replace(/^\d+\s/, "");
    const values = await ask("Edit the " + which + " text of bead " + current, [
      { name: "text", label: "", multiline: true, value: old },
    ]);
    if (values) send({ op: "text", bead: current, side: which, text: values.text });
  }

  async function link() {
    const values = await ask("Link beads " + current + " to …", [
      { name: "last", label: "last bead:", type: "number", value: Math.min(current + 1, beadCount()) },
    ]);
    if (values) send({ op: "link", first: current, last: Number(values.last) });
  }

  function nextSuspicious() {
    if (suspicious.length === 0) { say("no suspicious bead"); return; }
    const next = suspicious.find((n) => n > current) || suspicious[0];
    select(next);
  }

  function act(action) {
    switch (action) {
      case "confirm": send({ op: "confirm", bead: current }); break;
      case "unconfirm": send({ op: "unconfirm", bead: current }); break;
      case "merge": send({ op: "merge", bead: current }); break;
      case "split": split(); break;
      case "shift-up": shift("up"); break;
      case "shift-down": shift("down"); break;
      case "text": editText(); break;
      case "unlink": send({ op: "unlink", bead: current }); break;
      case "link": link(); break;
      case "undo": send({ op: "undo" }); break;
      case "redo": send({ op: "redo" }); break;
      case "next-suspicious": nextSuspicious(); break;
      case "help": document.getElementById("help").showModal(); break;
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) { act(button.dataset.action); return; }
    const mark = event.target.closest("svg.map a[data-bead]");
    if (mark) { event.preventDefault(); select(Number(mark.dataset.bead)); return; }
    const element = event.target.closest(".bead");
    if (element && !event.target.closest("a")) select(Number(element.dataset.bead), false);
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]")) return;
    if (event.target.closest("input, textarea, select")) return;
    const keys = {
      j: () => select(current + 1), ArrowDown: () => select(current + 1),
      k: () => select(current - 1), ArrowUp: () => select(current - 1),
      g: () => select(1), Home: () => select(1), G: () => select(beadCount()), End: () => select(beadCount()),
      n: () => nextSuspicious(), c: () => act("confirm"), x: () => act("unconfirm"), m: () => act("merge"),
      s: () => act("split"), "<": () => act("shift-up"), ">": () => act("shift-down"), e: () => act("text"),
      l: () => act("unlink"), u: () => act("undo"), r: () => act("redo"), "?": () => act("help"),
    };
    const handler = keys[event.key];
    if (handler) { event.preventDefault(); handler(); }
  });

  load();
})();
