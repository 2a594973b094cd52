// Director's dashboard: fetch the live part again every data-every seconds and put
// it in place, without reloading the page. Without this file the page reloads itself
// (a meta refresh inside <noscript>). Polling pauses while the tab is hidden and
// resumes at once when it is shown again.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("dash-live");
  if (!box || !box.dataset.live || !window.fetch) return;
  const status = document.getElementById("dash-refresh-status");
  const every = Math.max(5, Number(box.dataset.every) || 30) * 1000;
  let timer = null;
  let busy = false;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, every);
  };
  const refresh = () => {
    if (document.hidden) return; // visibilitychange brings it back
    if (busy) return;
    busy = true;
    fetch(box.dataset.live, { headers: { Accept: "text/html" }, credentials: "same-origin", cache: "no-store" })
      .then((r) => {
        if (r.redirected || !r.ok) throw new Error(String(r.status));
        return r.text();
      })
      .then((html) => {
        // The fragment is the server's own template output for this page.
        box.innerHTML = html;
        box.classList.remove("stale");
        if (status) status.textContent = "";
        box.dispatchEvent(new CustomEvent("dashboard:refreshed", { bubbles: true }));
      })
      .catch(() => {
        box.classList.add("stale");
        if (status) status.textContent = box.dataset.error || "";
      })
      .finally(() => {
        busy = false;
        schedule();
      });
  };
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
  });
  schedule();
});
