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

/**
 * POSTs a form in the background and returns the JSON answer.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} extra
 */
async function postJson(form, extra = {}) {
  const data = new URLSearchParams(/** @type {any} */ (new FormData(form)));
  for (const [k, v] of Object.entries(extra)) data.set(k, v);
  const res = await fetch(form.action, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: data,
    credentials: "same-origin",
  });
  const body = await res.json().catch(() => ({}));
  return { res, body };
}

/** 추천/반대 without a reload: counts and the pressed state update in place. */
function setUpVotes() {
  for (const form of document.querySelectorAll("form[data-vote-form]")) {
    if (!(form instanceof HTMLFormElement)) continue;
    const status = form.querySelector("[data-vote-status]");
    form.addEventListener("submit", async (event) => {
      const submitter = /** @type {SubmitEvent} */ (event).submitter;
      if (!(submitter instanceof HTMLButtonElement)) return;
      event.preventDefault();
      const buttons = [...form.querySelectorAll("button")].filter((b) => !b.disabled);
      buttons.forEach((b) => (b.disabled = true));
      try {
        const { res, body } = await postJson(form, { value: submitter.value });
        if (res.status === 401) {
          window.location.assign(`/login?returnTo=${encodeURIComponent(window.location.pathname)}`);
          return;
        }
        if (!res.ok) {
          if (status) status.textContent = body?.error?.message ?? "잠시 후 다시 시도해 주세요.";
          return;
        }
        for (const [key, value] of [["up", body.upCount], ["down", body.downCount]]) {
          const el = form.querySelector(`[data-count="${key}"]`);
          if (el) el.textContent = String(value);
        }
        for (const b of buttons) {
          b.setAttribute("aria-pressed", String(body.myVote === b.value.toUpperCase()));
        }
        if (status) status.textContent = body.myVote ? `${body.myVote === "UP" ? "추천" : "반대"}했습니다.` : "취소했습니다.";
      } catch {
        if (status) status.textContent = "연결이 끊겼습니다. 잠시 후 다시 시도해 주세요.";
      } finally {
        buttons.forEach((b) => (b.disabled = false));
      }
    });
  }
}

setUpCounters();
setUpVotes();
