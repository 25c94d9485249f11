// nqgen serve, two enhancements; without this script every page works as plain HTML.
// 1. Type-to-filter for long lists (province, commune). The server filters, ignoring tone
//    marks (/goi-y/<question>?q=...); this script only draws the list and lets the arrow keys,
//    Enter and the mouse pick one. Without it, the typed text is sent as it is and the server
//    finds the unit all the same.
// 2. File fields in Vietnamese whatever the browser's own language (picker below).
// Text is only ever set with textContent.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-goi-y]")) attach(input);
  for (const input of document.querySelectorAll("input[type=file]")) picker(input);
});

// A browser draws a file field's button and its "no file" note in the language of its own
// interface ("Choose File", "No file chosen" on an English Windows). The field stays in the
// form, focusable and labelled, but is hidden from sight; a label drawn as a button opens it
// and a note beside it names the chosen file.
function picker(input) {
  const button = document.createElement("label");
  button.htmlFor = input.id;
  button.className = "nut nho chon-tep";
  button.id = input.id + "-nut";
  button.textContent = "Chọn tệp…";
  const name = document.createElement("span");
  name.className = "ten-tep";
  name.id = input.id + "-ten";
  name.setAttribute("aria-live", "polite");
  const show = () => {
    name.textContent = input.files.length ? input.files[0].name : "Chưa chọn tệp nào";
  };
  const row = document.createElement("span");
  row.className = "dong-tep";
  input.replaceWith(row);
  row.append(input, button, name);
  input.classList.add("an-tep");
  input.setAttribute("aria-describedby", name.id);
  input.addEventListener("change", show);
  show();
}

function attach(input) {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  let items = [], active = -1, asked = 0, timer = 0;

  function show(found) {
    list.replaceChildren();
    items = found;
    active = found.length ? 0 : -1;
    found.forEach((item, i) => {
      const li = document.createElement("li");
      li.id = "lua-chon-" + i;
      li.setAttribute("role", "option");
      li.textContent = item.value;
      if (item.note) {
        const note = document.createElement("small");
        note.textContent = item.note;
        li.append(note);
      }
      li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
      list.append(li);
    });
    if (!found.length && input.value.trim()) {
      const li = document.createElement("li");
      li.textContent = "Không có tên nào khớp; thử gõ ít chữ hơn.";
      list.append(li);
    }
    mark();
    list.hidden = !input.value.trim();
    input.setAttribute("aria-expanded", String(!list.hidden));
  }

  function mark() {
    list.querySelectorAll("[role=option]").forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === active));
      if (i === active) li.scrollIntoView({ block: "nearest" });
    });
    if (active >= 0) input.setAttribute("aria-activedescendant", "lua-chon-" + active);
    else input.removeAttribute("aria-activedescendant");
  }

  function choose(i) {
    input.value = items[i].value;
    close();
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  async function ask() {
    const mine = ++asked;
    const url = input.dataset.goiY + "?q=" + encodeURIComponent(input.value);
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      const found = response.ok ? await response.json() : [];
      if (mine === asked) show(found);
    } catch (error) {
      if (mine === asked) close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 80);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden || !items.length) return;
    if (event.key === "ArrowDown") { active = (active + 1) % items.length; mark(); }
    else if (event.key === "ArrowUp") { active = (active - 1 + items.length) % items.length; mark(); }
    else if (event.key === "Enter" && active >= 0) choose(active);
    else if (event.key === "Escape") close();
    else return;
    event.preventDefault();
  });
  input.addEventListener("blur", close);
}
