// Progressive enhancement only: every page works without this file.
// When a filter's prefecture changes, the municipality list no longer matches it; clear the
// municipality so the submitted filter is consistent. (The server lists the right
// municipalities after submission.)
document.addEventListener("DOMContentLoaded", () => {
  const pref = document.getElementById("f-prefecture");
  const muni = document.getElementById("f-municipality");
  if (pref && muni) {
    pref.addEventListener("change", () => {
      muni.value = "";
    });
  }
  // Move focus to the error summary so screen-reader users hear what went wrong.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});

// An import under way: follow its progress without reloading the page (without JavaScript,
// a link reloads it).
document.addEventListener("DOMContentLoaded", () => {
  const run = document.getElementById("import-run");
  if (!run || !run.dataset.running) return;
  const reload = document.getElementById("import-reload");
  if (reload) reload.hidden = true;
  const set = (id, value) => {
    const el = document.getElementById(id);
    if (el) el.textContent = String(value);
  };
  const poll = async () => {
    try {
      const r = await fetch(run.dataset.poll, { headers: { Accept: "application/json" } });
      if (!r.ok) throw new Error(String(r.status));
      const s = await r.json();
      document.getElementById("import-progress").value = s.percent;
      set("import-percent", s.percent);
      for (const k of ["read", "created", "updated", "unchanged", "rejected"]) set("import-" + k, s[k]);
      if (s.status === "running") {
        setTimeout(poll, 1000);
      } else {
        // Finished: the page itself shows the report link and any error.
        window.location.reload();
      }
    } catch (e) {
      if (reload) reload.hidden = false;
    }
  };
  setTimeout(poll, 1000);
});
