// motcua progressive enhancement: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Switch language as soon as the select changes.
  const sel = document.getElementById("lang-select");
  if (sel) sel.addEventListener("change", () => sel.form.submit());
});
