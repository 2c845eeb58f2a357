// @ts-check
// Progressive enhancement only: every form works without this script.
import { countGraphemes } from "./graphemes.js";

/** The live `N / 1000` counter under a textarea with data-max-graphemes. */
function setUpCounters() {
  for (const form of document.querySelectorAll("form[data-counter-form]")) {
    const textarea = form.querySelector("textarea[data-max-graphemes]");
    const output = form.querySelector("[data-counter]");
    const submit = form.querySelector('button[type="submit"]');
    if (!(textarea instanceof HTMLTextAreaElement) || !output) continue;
    const max = Number(textarea.dataset.maxGraphemes);
    const update = () => {
      const n = countGraphemes(textarea.value);
      output.textContent = `${n} / ${max}`;
      output.classList.toggle("counter--over", n > max);
      if (submit instanceof HTMLButtonElement) submit.disabled = n > max;
    };
    textarea.addEventListener("input", update);
    update();
  }
}

setUpCounters();
