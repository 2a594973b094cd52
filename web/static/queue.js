// motcua queue devices: the kiosk's ticket, the phone page of a ticket, the display
// board, the rating terminal and the counter page. Every page works without this
// file (plain forms, links and meta refresh); this adds printing, live updates, the
// chime and the spoken call.
"use strict";
(() => {
  const ready = (fn) => (document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", fn) : fn());

  // Print buttons, and the kiosk's automatic print of a new ticket.
  function printing() {
    document.querySelectorAll("[data-print]").forEach((b) => {
      b.hidden = false;
      b.addEventListener("click", () => window.print());
    });
    if (document.querySelector("[data-autoprint]")) setTimeout(() => window.print(), 300);
  }

  // Screens that go back to their idle state after a few seconds (the rating
  // terminal's thank-you screen); <noscript> holds a meta refresh for the same.
  function returning() {
    const el = document.querySelector("[data-return]");
    if (!el) return;
    setTimeout(() => window.location.replace(el.dataset.return), Number(el.dataset.returnAfter || "5") * 1000);
  }

  // The rating terminal: one press only; the buttons stay disabled until the answer.
  function rateForm() {
    const form = document.querySelector("[data-rate-form]");
    if (!form) return;
    form.addEventListener("submit", (ev) => {
      if (form.dataset.sent) { ev.preventDefault(); return; }
      form.dataset.sent = "1";
      // disable after the submit has captured the pressed button's value
      setTimeout(() => form.querySelectorAll("button").forEach((b) => { b.disabled = true; }), 0);
    });
  }

  // The phone page of a ticket: poll the public ticket every 10 seconds.
  function follow() {
    const el = document.querySelector("[data-follow]");
    if (!el) return;
    const f = (name) => el.querySelector('[data-f="' + name + '"]');
    const set = (name, text) => { const n = f(name); if (n && n.textContent !== String(text)) n.textContent = text; };
    let timer = 0;
    const poll = () => {
      fetch(el.dataset.follow, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
        .then((t) => {
          if (t.transferred_to) { window.location.replace("/ve/" + t.transferred_to); return; }
          set("status_text", t.status_text);
          set("people_ahead", t.people_ahead);
          const w = f("wait");
          if (w && w.dataset.tpl) set("wait", w.dataset.tpl.replace("{n}", t.estimated_wait_minutes));
          set("counter_name", t.counter_name || "—");
          const call = f("call");
          if (call) {
            call.hidden = t.status !== "called";
            if (call.dataset.tpl) set("call", call.dataset.tpl.replace("{counter}", t.counter_name || ""));
          }
          const expired = f("expired");
          if (expired) expired.hidden = t.status !== "expired";
          if (!["done", "no_show", "expired"].includes(t.status)) timer = setTimeout(poll, 10000);
        })
        .catch(() => { timer = setTimeout(poll, 20000); });
    };
    timer = setTimeout(poll, 10000);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") { clearTimeout(timer); poll(); }
    });
  }

  // The display board: follow the unit's events (Server-Sent Events). The browser
  // reconnects by itself and sends Last-Event-ID, so the server replays what was
  // missed; if the stream fails for good (the server was down), start a new one from
  // the last id seen.
  function board() {
    const root = document.querySelector("[data-board]");
    if (!root) return;
    const tbody = root.querySelector("[data-calls]");
    const announce = root.querySelector("[data-announce]");
    const status = root.querySelector("[data-status]");
    const soundBtn = root.querySelector("[data-sound]");
    const clock = root.querySelector("[data-clock]");

    if (clock) {
      const fmt = new Intl.DateTimeFormat(root.dataset.locale || "vi-VN", { hour: "2-digit", minute: "2-digit", weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
      const tick = () => { clock.textContent = fmt.format(new Date()); };
      tick();
      setInterval(tick, 15000);
    }

    // The chime: two short sine tones made with the Web Audio API. Browsers start audio
    // only after a user gesture unless told otherwise (kiosk mode): the button turns it on.
    let audio = null;
    const AC = window.AudioContext || window.webkitAudioContext;
    if (AC) {
      try { audio = new AC(); } catch (e) { audio = null; }
    }
    const showSound = () => { if (soundBtn) soundBtn.hidden = !(audio && audio.state !== "running"); };
    if (soundBtn) soundBtn.addEventListener("click", () => { if (audio) audio.resume().then(showSound, showSound); });
    if (audio) { audio.onstatechange = showSound; showSound(); }
    const chime = () => {
      if (!audio || audio.state !== "running") return;
      const t0 = audio.currentTime + 0.02;
      [[880, 0], [659.25, 0.4]].forEach(([freq, at]) => {
        const o = audio.createOscillator();
        const g = audio.createGain();
        o.type = "sine";
        o.frequency.value = freq;
        g.gain.setValueAtTime(0.0001, t0 + at);
        g.gain.exponentialRampToValueAtTime(0.5, t0 + at + 0.03);
        g.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 0.8);
        o.connect(g);
        g.connect(audio.destination);
        o.start(t0 + at);
        o.stop(t0 + at + 0.85);
      });
    };

    // The spoken call, in Vietnamese when the browser has a Vietnamese voice.
    const canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
    const speak = (text) => {
      if (!canSpeak) return;
      const u = new SpeechSynthesisUtterance(text);
      u.lang = root.dataset.locale || "vi-VN";
      u.rate = 0.9;
      const lang = u.lang.slice(0, 2).toLowerCase();
      const voice = window.speechSynthesis.getVoices().find((v) => (v.lang || "").toLowerCase().startsWith(lang));
      if (voice) u.voice = voice;
      window.speechSynthesis.speak(u);
    };
    // "A012" is read letter by digit: "A 0 1 2".
    const spell = (number) => number.split("").join(" ");
    const say = (tpl, ev, number) => tpl.replace("{number}", number).replace("{counter}", String(ev.counter_number));

    const onCall = (ev) => {
      const empty = tbody.querySelector("[data-empty]");
      if (empty) empty.remove();
      let row = tbody.querySelector('tr[data-counter="' + ev.counter_id + '"]');
      if (!row) {
        row = document.createElement("tr");
        row.dataset.counter = String(ev.counter_id);
        const num = document.createElement("td"); num.className = "board-num";
        const ctr = document.createElement("td"); ctr.className = "board-ctr";
        row.append(num, ctr);
      }
      row.querySelector(".board-num").textContent = ev.number;
      row.querySelector(".board-ctr").textContent = ev.counter_name;
      tbody.prepend(row);
      row.classList.remove("fresh");
      void row.offsetWidth; // restart the highlight
      row.classList.add("fresh");
      announce.textContent = say(root.dataset.speak, ev, ev.number);
      chime();
      setTimeout(() => speak(say(root.dataset.speak, ev, spell(ev.number))), 1100);
    };
    const onWaiting = (ev) => {
      const n = root.querySelector('li[data-service="' + ev.service_id + '"] [data-waiting]');
      if (n && typeof ev.waiting === "number") n.textContent = String(ev.waiting);
    };

    let lastId = "";
    let es = null;
    const connect = (url) => {
      es = new EventSource(url);
      const handle = (m, call) => {
        if (m.lastEventId) lastId = m.lastEventId;
        let ev;
        try { ev = JSON.parse(m.data); } catch (e) { return; }
        if (call) onCall(ev);
        onWaiting(ev);
      };
      ["call", "recall"].forEach((k) => es.addEventListener(k, (m) => handle(m, true)));
      ["issue", "start", "finish", "no_show", "transfer"].forEach((k) => es.addEventListener(k, (m) => handle(m, false)));
      es.addEventListener("open", () => { status.textContent = ""; root.dataset.connected = "1"; });
      es.addEventListener("error", () => {
        root.dataset.connected = "0";
        status.textContent = root.dataset.reconnecting || "";
        if (es.readyState === EventSource.CLOSED) {
          const base = root.dataset.events.replace(/([?&])last_event_id=\d*/, "$1").replace(/[?&]$/, "");
          const next = lastId ? base + (base.includes("?") ? "&" : "?") + "last_event_id=" + lastId : root.dataset.events;
          setTimeout(() => connect(next), 5000);
        }
      });
    };
    connect(root.dataset.events);
  }

  // The counter page reloads itself when the queue of its services changes, unless
  // the officer is typing in one of its forms.
  function counterLive() {
    const el = document.querySelector("[data-counter-live]");
    if (!el || !window.EventSource) return;
    const mine = new Set((el.dataset.services || "").split(",").filter(Boolean));
    let timer = 0;
    const busy = () => {
      const a = document.activeElement;
      if (a && a.closest("form") && (a.tagName === "INPUT" || a.tagName === "SELECT" || a.tagName === "TEXTAREA")) return true;
      return [...document.querySelectorAll("main input:not([type=hidden])")].some((i) => i.value !== i.defaultValue);
    };
    const es = new EventSource(el.dataset.counterLive);
    const onEvent = (m) => {
      let ev;
      try { ev = JSON.parse(m.data); } catch (e) { return; }
      if (!mine.has(String(ev.service_id)) && String(ev.counter_id) !== el.dataset.counterId) return;
      clearTimeout(timer);
      timer = setTimeout(function reload() {
        if (busy()) { timer = setTimeout(reload, 3000); return; }
        es.close();
        window.location.reload();
      }, 1500);
    };
    ["issue", "call", "recall", "start", "finish", "no_show", "transfer", "expire"].forEach((k) => es.addEventListener(k, onEvent));
  }

  ready(() => {
    printing();
    returning();
    rateForm();
    follow();
    board();
    counterLive();
  });
})();
