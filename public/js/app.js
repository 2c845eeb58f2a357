// @ts-check
// Progressive enhancement only: every form works without this script. With it, the comment
// counter is live and votes, 글 내리기 and comments update the page in place.
import { countGraphemes } from "./graphemes.js";

/**
 * POSTs a form in the background and returns the response and its JSON body.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} [extra]
 * @param {string} [action]
 */
async function postJson(form, extra = {}, action = form.action) {
  const data = new URLSearchParams(/** @type {any} */ (new FormData(form)));
  for (const [k, v] of Object.entries(extra)) data.set(k, v);
  const res = await fetch(action, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: data,
    credentials: "same-origin",
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) {
    window.location.assign(`/login?returnTo=${encodeURIComponent(window.location.pathname)}`);
  }
  return { res, body };
}

const OFFLINE = "연결이 끊겼습니다. 잠시 후 다시 시도해 주세요.";
/** @param {any} body */
const errorText = (body) => body?.error?.message ?? "잠시 후 다시 시도해 주세요.";

/**
 * After an in-place comment or reply: the heading's count from the server, and focus on the
 * comment that landed (so a screen reader hears where it went).
 * @param {{ commentCount: number, comment: { id: number } }} body
 */
function landed(body) {
  const heading = document.querySelector("#comments-title .muted");
  if (heading) heading.textContent = `(${body.commentCount})`;
  const added = document.getElementById(`comment-${body.comment.id}`);
  added?.setAttribute("tabindex", "-1");
  added?.focus();
}

/** The live `N / 1000` counter under a textarea with data-max-graphemes. */
function setUpCounters() {
  for (const form of document.querySelectorAll("form[data-counter-form]")) {
    const textarea = form.querySelector("textarea[data-max-graphemes]");
    const output = form.querySelector("[data-counter]");
    const submit = form.querySelector('button[type="submit"]');
    if (!(textarea instanceof HTMLTextAreaElement) || !output) continue;
    counter(textarea, output, submit);
  }
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
        if (!res.ok) {
          if (status && res.status !== 401) status.textContent = errorText(body);
          return;
        }
        if (body.blinded) return window.location.reload();
        for (const [key, value] of [["up", body.upCount], ["down", body.downCount]]) {
          const el = form.querySelector(`[data-count="${key}"]`);
          if (el) el.textContent = String(value);
        }
        for (const b of form.querySelectorAll("button")) {
          b.setAttribute("aria-pressed", String(body.myVote === b.value.toUpperCase()));
        }
        if (status) status.textContent = body.myVote ? `${body.myVote === "UP" ? "추천" : "반대"}했습니다.` : "취소했습니다.";
      } catch {
        if (status) status.textContent = OFFLINE;
      } finally {
        buttons.forEach((b) => (b.disabled = false));
      }
    });
  }
}

/** 글 내리기 and its withdrawal in place; a post that becomes blinded is reloaded. */
function setUpOpinions() {
  const form = document.querySelector("form[data-opinion-form]");
  if (!(form instanceof HTMLFormElement)) return;
  const button = form.querySelector("[data-opinion-button]");
  const count = document.querySelector('[data-count="opinions"]');
  const status = document.querySelector("[data-opinion-status]");
  if (!(button instanceof HTMLButtonElement)) return;
  const castUrl = form.action.replace(/\/withdraw$/, "");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const { res, body } = await postJson(form);
      if (!res.ok) {
        if (status && res.status !== 401) status.textContent = errorText(body);
        return;
      }
      if (body.blinded) return window.location.reload();
      if (count) count.textContent = String(body.opinionCount);
      form.action = body.mine ? `${castUrl}/withdraw` : castUrl;
      button.textContent = body.mine ? "글 내리기 취소" : "글 내리기";
      button.classList.toggle("button--danger", !body.mine);
      button.setAttribute("aria-pressed", String(body.mine));
      if (status) status.textContent = body.mine ? "글 내리기 의견을 냈습니다." : "글 내리기 의견을 거두었습니다.";
    } catch {
      if (status) status.textContent = OFFLINE;
    } finally {
      button.disabled = false;
    }
  });
}

/** Posting a comment in place: the server's own HTML for it is appended to the list. */
function setUpComments() {
  const form = document.querySelector("form.comment-form__form");
  const list = document.querySelector(".comment-list");
  if (!(form instanceof HTMLFormElement) || !list) return;
  const textarea = form.querySelector("textarea");
  const submit = form.querySelector('button[type="submit"]');
  if (!(textarea instanceof HTMLTextAreaElement) || !(submit instanceof HTMLButtonElement)) return;
  let error = form.querySelector("#comment-error");
  const showError = (/** @type {string} */ message) => {
    if (!error) {
      error = document.createElement("p");
      error.id = "comment-error";
      error.className = "field-error";
      error.setAttribute("role", "alert");
      textarea.insertAdjacentElement("afterend", error);
    }
    error.textContent = message;
    textarea.setAttribute("aria-invalid", "true");
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const { res, body } = await postJson(form);
      if (!res.ok) {
        if (res.status !== 401) showError(errorText(body));
        return;
      }
      list.insertAdjacentHTML("beforeend", body.html);
      document.querySelector(".comment-list__empty")?.remove();
      textarea.value = "";
      textarea.removeAttribute("aria-invalid");
      error?.remove();
      error = null;
      textarea.dispatchEvent(new Event("input"));
      landed(body);
    } catch {
      showError(OFFLINE);
    } finally {
      submit.disabled = countGraphemes(textarea.value) > Number(textarea.dataset.maxGraphemes);
    }
  });
}

/**
 * Links that open a form in place (신고, 답글): a click toggles a copy of the template's form
 * next to the link. `prepare` fills the form in, wires its submit and returns the element the
 * form goes after. Without this script, or signed out (no template), the link opens its page.
 * @param {string} selector
 * @param {string} templateId
 * @param {(link: HTMLAnchorElement, form: HTMLFormElement, close: () => void) => Element} prepare
 */
function inPlaceForms(selector, templateId, prepare) {
  const template = document.getElementById(templateId);
  if (!(template instanceof HTMLTemplateElement)) return;
  for (const link of document.querySelectorAll(selector)) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    /** @type {HTMLFormElement | null} */
    let open = null;
    const close = () => {
      open?.remove();
      open = null;
      link.setAttribute("aria-expanded", "false");
    };
    link.setAttribute("aria-expanded", "false");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (open) return close();
      const form = /** @type {HTMLFormElement} */ (/** @type {DocumentFragment} */ (template.content.cloneNode(true)).firstElementChild);
      prepare(link, form, close).insertAdjacentElement("afterend", form);
      open = form;
      link.setAttribute("aria-expanded", "true");
      const first = form.querySelector("input[type=radio], textarea");
      if (first instanceof HTMLElement) first.focus();
    });
  }
}

/** 신고 in place: a small form under the link; the answer replaces its status line. */
function setUpReports() {
  inPlaceForms("a[data-report]", "report-template", (link, form) => {
    form.action = link.href;
    const status = form.querySelector("[data-report-status]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button instanceof HTMLButtonElement) button.disabled = true;
      try {
        const { res, body } = await postJson(form);
        if (status) status.textContent = res.ok ? body.message : errorText(body);
        if (res.ok) for (const control of form.querySelectorAll("input, textarea, button")) control.setAttribute("disabled", "");
        else if (button instanceof HTMLButtonElement) button.disabled = false;
      } catch {
        if (status) status.textContent = OFFLINE;
        if (button instanceof HTMLButtonElement) button.disabled = false;
      }
    });
    return link;
  });
}

/** The live counter of one textarea. */
function counter(/** @type {HTMLTextAreaElement} */ textarea, /** @type {Element | null} */ output, /** @type {Element | null} */ submit) {
  const max = Number(textarea.dataset.maxGraphemes);
  const update = () => {
    const n = countGraphemes(textarea.value);
    if (output) output.textContent = `${n} / ${max}`;
    output?.classList.toggle("counter--over", n > max);
    if (submit instanceof HTMLButtonElement) submit.disabled = n > max;
  };
  textarea.addEventListener("input", update);
  update();
}

/** 답글 in place: a reply form under the comment; the reply lands under it. */
function setUpReplies() {
  inPlaceForms("a[data-reply]", "reply-template", (link, form, close) => {
    const parentId = link.dataset.reply ?? "";
    const parentField = form.querySelector('input[name="parentId"]');
    if (parentField instanceof HTMLInputElement) parentField.value = parentId;
    const textarea = /** @type {HTMLTextAreaElement} */ (form.querySelector("textarea"));
    if (link.dataset.replyTo) textarea.value = `@${link.dataset.replyTo} `;
    const submit = form.querySelector('button[type="submit"]');
    const error = form.querySelector("[data-reply-error]");
    const showError = (/** @type {string} */ message) => {
      if (!error) return;
      error.textContent = message;
      error.removeAttribute("hidden");
      textarea.setAttribute("aria-invalid", "true");
    };
    counter(textarea, form.querySelector("[data-counter]"), submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (submit instanceof HTMLButtonElement) submit.disabled = true;
      try {
        const { res, body } = await postJson(form);
        if (!res.ok) return showError(errorText(body));
        const parent = document.getElementById(`comment-${parentId}`);
        let replies = document.getElementById(`replies-${parentId}`);
        if (!replies && parent) {
          replies = document.createElement("ol");
          replies.className = "replies";
          replies.id = `replies-${parentId}`;
          replies.setAttribute("aria-label", "답글");
          parent.append(replies);
        }
        replies?.insertAdjacentHTML("beforeend", body.html);
        close();
        landed(body);
      } catch {
        showError(OFFLINE);
      } finally {
        if (submit instanceof HTMLButtonElement) submit.disabled = countGraphemes(textarea.value) > Number(textarea.dataset.maxGraphemes);
      }
    });
    return link.closest(".comment__actions") ?? link;
  });
}

/** 모두 읽음 without a reload: the list and the header's count update in place. */
function setUpNotifications() {
  const form = document.querySelector("form[data-read-all]");
  if (!(form instanceof HTMLFormElement)) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const { res } = await postJson(form);
      if (!res.ok) return;
      for (const item of document.querySelectorAll(".notification--unread")) item.classList.remove("notification--unread");
      for (const state of document.querySelectorAll(".notification__state")) state.remove();
      document.querySelector("[data-unread-count]")?.nextElementSibling?.remove();
      document.querySelector("[data-unread-count]")?.remove();
      const total = document.querySelector("[data-unread-total]");
      if (total) total.textContent = "0";
      form.remove();
    } catch {
      // Offline: the plain form still works on the next try.
    }
  });
}

setUpCounters();
setUpVotes();
setUpOpinions();
setUpComments();
setUpReports();
setUpReplies();
setUpNotifications();
