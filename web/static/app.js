// motcua progressive enhancement: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Switch language as soon as the select changes.
  const sel = document.getElementById("lang-select");
  if (sel) sel.addEventListener("change", () => sel.form.submit());
});

// Administration pages.
document.addEventListener("DOMContentLoaded", () => {
  // Repeating form rows (fees, papers, steps): the server always renders three empty
  // rows; this adds a button that appends one more, renumbering the copied names.
  document.querySelectorAll("table.rows[data-rows]").forEach((table) => {
    const prefix = table.dataset.rows;
    const body = table.tBodies[0];
    if (!body || !body.rows.length) return;
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "add-row";
    btn.textContent = table.dataset.addLabel || "+";
    btn.addEventListener("click", () => {
      const last = body.rows[body.rows.length - 1];
      const row = last.cloneNode(true);
      let next = 0;
      body.querySelectorAll("[name]").forEach((el) => {
        const m = el.name.match(new RegExp("^" + prefix + "\\.(\\d+)\\."));
        if (m) next = Math.max(next, Number(m[1]) + 1);
      });
      row.querySelectorAll("[name]").forEach((el) => {
        el.name = el.name.replace(new RegExp("^" + prefix + "\\.\\d+\\."), prefix + "." + next + ".");
        if (el.type === "checkbox") el.checked = el.defaultChecked;
        else if (el.tagName === "SELECT") {
          const i = Array.from(el.options).findIndex((o) => o.defaultSelected);
          el.selectedIndex = i < 0 ? 0 : i;
        } else el.value = el.defaultValue;
      });
      body.appendChild(row);
      const first = row.querySelector("input, select");
      if (first) first.focus();
    });
    table.after(btn);
  });

  // Import job page: poll the progress document and update the bar without reloading;
  // reload once the job has finished to show the result. Without JavaScript the page
  // refreshes itself (meta refresh inside <noscript>).
  const job = document.querySelector("[data-job]");
  if (job && !job.dataset.finished) {
    const bar = job.querySelector("progress");
    const stage = job.querySelector("[data-job-stage]");
    const count = job.querySelector("[data-job-count]");
    const poll = () => {
      fetch(job.dataset.job, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then((st) => {
          if (st.total > 0 && bar) { bar.max = st.total; bar.value = st.done; }
          if (stage) stage.textContent = st.stage_label;
          if (count && count.dataset.tpl) count.textContent = count.dataset.tpl.replace("{done}", st.done).replace("{total}", st.total);
          if (st.finished) window.location.reload();
          else setTimeout(poll, 1000);
        })
        .catch(() => setTimeout(() => window.location.reload(), 2000));
    };
    setTimeout(poll, 500);
  }
});

// Staff pages: procedure suggestions on the intake search, fee totals on the intake
// form. Plain links and forms do the same without this code.
(() => {
  "use strict";
  const ready = (fn) => (document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", fn) : fn());

  // Search-as-you-type with a listbox: ↑/↓ move, Enter opens, Esc closes.
  function suggest(input) {
    const list = document.getElementById(input.id + "-list");
    const status = document.getElementById(input.id + "-status");
    if (!list) return;
    let items = [], active = -1, seq = 0, timer = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    const close = () => {
      list.hidden = true; list.replaceChildren(); items = []; active = -1;
      input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
    };
    const pick = (code) => { window.location.href = input.dataset.pick + encodeURIComponent(code); };
    const mark = (i) => {
      items.forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
      active = i;
      if (i >= 0) { input.setAttribute("aria-activedescendant", items[i].id); items[i].scrollIntoView({ block: "nearest" }); }
      else input.removeAttribute("aria-activedescendant");
    };
    const show = (procs) => {
      list.replaceChildren();
      items = procs.map((p, i) => {
        const li = document.createElement("li");
        li.id = list.id + "-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
        li.dataset.code = p.code;
        const code = document.createElement("span"); code.className = "code"; code.textContent = p.code;
        li.append(code, " — " + p.name);
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(p.code); });
        list.append(li);
        return li;
      });
      active = -1;
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      if (status && input.dataset.count) status.textContent = input.dataset.count.replace("{n}", items.length);
    };
    const query = () => {
      const q = input.value.trim();
      if (q.length < 2) { close(); return; }
      const my = ++seq;
      fetch(input.dataset.suggest + "?active=true&limit=10&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
        .then((page) => { if (my === seq && document.activeElement === input) show(page.items || []); })
        .catch(() => close());
    };
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(query, 150); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); mark((active + 1) % items.length); }
      else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
      else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); pick(items[active].dataset.code); }
      else if (ev.key === "Escape" && !list.hidden) { ev.preventDefault(); close(); }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  // The amount owed follows the exemptions ticked; choosing a payment method fills an
  // empty amount with it.
  function fees() {
    const table = document.querySelector("table.fees[data-fee-total]");
    const out = document.getElementById("fee-owed");
    if (!table || !out) return;
    const fmt = new Intl.NumberFormat("vi-VN");
    const owed = () => {
      let n = Number(table.dataset.feeTotal);
      table.querySelectorAll("input[data-amount]:checked").forEach((c) => { n -= Number(c.dataset.amount); });
      return Math.max(0, n);
    };
    const update = () => { out.textContent = fmt.format(owed()) + " đ"; };
    table.addEventListener("change", update);
    update();
    const method = document.getElementById("f-payment-method");
    const amount = document.getElementById("f-payment-amount");
    if (method && amount) method.addEventListener("change", () => { if (method.value && !amount.value) amount.value = String(owed()); });
  }

  ready(() => {
    document.querySelectorAll("input[data-suggest]").forEach(suggest);
    fees();
  });
})();
