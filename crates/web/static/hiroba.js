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
