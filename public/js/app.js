// @ts-check
// Progressive enhancement only: every form works without this script. With it, counters are
// live, votes, 글 내리기 and comments update the page in place, deleting asks in a dialog,
// buttons show that a request is running, and leaving a half-written form asks first.
import { countGraphemes } from "./graphemes.js";
import { setUpLive, showCommentCount } from "./live.js";
import { setUpStockSearch } from "./stock-search.js";

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
  // Signed out meanwhile: the form goes as a plain form, and the server answers with the
  // sign-in page holding the text or the vote (nothing typed is lost).
  if (res.status === 401) sendPlainly(form, extra);
  return { res, body };
}

let leaving = false; // a form is being sent as a page: leaving is intended

/**
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} extra
 */
function sendPlainly(form, extra) {
  for (const [name, value] of Object.entries(extra)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  leaving = true;
  HTMLFormElement.prototype.submit.call(form);
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
  // This post's row in the list under it: its [댓글] count.
  showCommentCount(document.querySelector("tr.is-current"), body.commentCount);
  const added = document.getElementById(`comment-${body.comment.id}`);
  added?.setAttribute("tabindex", "-1");
  added?.focus();
}

/** The live `N / 1000` counters of the fields with data-max-graphemes. */
function setUpCounters() {
  for (const form of document.querySelectorAll("form[data-counter-form]")) {
    if (!(form instanceof HTMLFormElement)) continue;
    for (const field of form.querySelectorAll("[data-max-graphemes]")) {
      if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) continue;
      const output = field.id ? document.getElementById(`${field.id}-counter`) : null;
      counter(field, output ?? form.querySelector("[data-counter]"), form);
    }
  }
}

/**
 * A button that shows a request is running: it looks disabled and says so (aria-disabled),
 * yet stays focusable (a disabled button drops the keyboard focus to <body>); aria-busy tells
 * assistive technology, and a second press while busy is ignored by the callers.
 * @param {Element | null} button
 * @param {boolean} busy
 */
function setBusy(button, busy) {
  if (!(button instanceof HTMLElement)) return;
  // aria-disabled, not disabled: it looks and reads as unavailable, yet keeps the focus.
  if (busy) {
    button.setAttribute("aria-busy", "true");
    button.setAttribute("aria-disabled", "true");
  } else {
    button.removeAttribute("aria-busy");
    button.removeAttribute("aria-disabled");
  }
}
const isBusy = (/** @type {Element | null} */ button) => button?.getAttribute("aria-busy") === "true";

/**
 * Sends the vote button pressed (추천/반대 or 공감/비공감) through `form`: the buttons of `box`
 * (the vote box, or a comment's pair) busy meanwhile, the focus kept; the counts and the
 * pressed state follow the answer, then `shown` gets it. A refusal or a lost connection goes to
 * `say`.
 * @param {HTMLFormElement} form
 * @param {HTMLButtonElement} submitter
 * @param {Element} box
 * @param {(body: any) => void} shown
 * @param {(text: string) => void} say
 */
async function sendVote(form, submitter, box, shown, say) {
  const buttons = [...box.querySelectorAll("button")];
  if (buttons.some(isBusy)) return;
  buttons.forEach((b) => setBusy(b, true));
  const pressed = (/** @type {HTMLButtonElement} */ b) => b.value.split(".").at(-1)?.toUpperCase();
  try {
    const { res, body } = await postJson(form, { [submitter.name]: submitter.value });
    if (!res.ok) {
      if (res.status !== 401) say(errorText(body));
      return;
    }
    for (const [key, value] of [["up", body.upCount], ["down", body.downCount]]) {
      const el = box.querySelector(`[data-count="${key}"]`);
      if (el) el.textContent = String(value);
    }
    for (const b of buttons) b.setAttribute("aria-pressed", String(body.myVote === pressed(b)));
    shown(body);
  } catch {
    say(OFFLINE);
  } finally {
    buttons.forEach((b) => setBusy(b, false));
    submitter.focus(); // the keyboard stays where it was
  }
}

/** 추천/반대 without a reload: counts and the pressed state update in place. */
function setUpVotes() {
  for (const form of document.querySelectorAll("form[data-vote-form]")) {
    if (!(form instanceof HTMLFormElement)) continue;
    const status = form.querySelector("[data-vote-status]");
    const say = (/** @type {string} */ text) => {
      if (status) status.textContent = text;
    };
    form.addEventListener("submit", (event) => {
      const submitter = /** @type {SubmitEvent} */ (event).submitter;
      if (!(submitter instanceof HTMLButtonElement)) return;
      event.preventDefault();
      sendVote(form, submitter, form, (body) => {
        if (body.blinded) return window.location.reload();
        // The list under the post shows this post's row too: it agrees with the box.
        for (const [key, value] of [["up", body.upCount], ["down", body.downCount]]) {
          const cell = document.querySelector(`tr.is-current [data-count-of="${key}"]`);
          if (cell) cell.textContent = String(value);
        }
        say(body.myVote ? `${body.myVote === "UP" ? "추천" : "반대"}했습니다.` : "취소했습니다.");
      }, say);
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
    if (isBusy(button)) return;
    setBusy(button, true);
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
      setBusy(button, false);
      button.focus();
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
    if (isBusy(submit)) return;
    setBusy(submit, true);
    try {
      const { res, body } = await postJson(form);
      if (!res.ok) {
        if (res.status !== 401) showError(errorText(body));
        return;
      }
      announce(body.repeated ? "이미 남긴 댓글입니다." : "댓글을 남겼습니다.");
      // A second press of 등록 answered with the first comment: it is on the page already.
      // 최신순 shows it first; 등록순 and 공감순 after the comments shown.
      const where = list.getAttribute("data-sort") === "new" && body.comment.parentId === null ? "afterbegin" : "beforeend";
      if (!document.getElementById(`comment-${body.comment.id}`)) list.insertAdjacentHTML(where, body.html);
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
      setBusy(submit, false);
    }
  });
}

/**
 * 공감/비공감 of comments in place. Every comment's buttons belong to the page's one
 * #comment-votes form, so comments that 더보기 or a new comment bring in work the same.
 */
function setUpCommentVotes() {
  const form = document.getElementById("comment-votes");
  if (!(form instanceof HTMLFormElement)) return;
  form.addEventListener("submit", (event) => {
    const submitter = /** @type {SubmitEvent} */ (event).submitter;
    const box = submitter?.closest(".comment-votes");
    if (!(submitter instanceof HTMLButtonElement) || !box) return;
    event.preventDefault();
    // Said beside the buttons (a refusal must be seen) and to a screen reader.
    const say = (/** @type {string} */ text) => {
      let line = box.querySelector(".comment-votes__status");
      if (!line) {
        line = document.createElement("span");
        line.className = "comment-votes__status small muted";
        box.append(line);
      }
      line.textContent = text;
      announce(text);
    };
    sendVote(form, submitter, box, (body) => say(body.myVote ? `${body.myVote === "UP" ? "공감" : "비공감"}했습니다.` : "취소했습니다."), say);
  });
}

/**
 * 댓글 더보기 in place: the next comments after the last one shown (a cursor, so comments
 * written meanwhile neither repeat nor push any out). Without this script it is a link to the
 * next page.
 */
function setUpMoreComments() {
  const more = document.querySelector("a[data-more-comments]");
  const list = document.querySelector("ol[data-comment-list]");
  if (!(more instanceof HTMLAnchorElement) || !list) return;
  more.addEventListener("click", async (event) => {
    event.preventDefault();
    if (isBusy(more)) return;
    setBusy(more, true);
    try {
      const res = await fetch(more.dataset.moreComments ?? "", { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) return announce(errorText(body));
      const template = document.createElement("template");
      template.innerHTML = body.html;
      // A comment already shown (its 공감 count moved it in 공감순) is not shown twice.
      for (const item of [...template.content.children]) if (document.getElementById(item.id)) item.remove();
      const first = template.content.firstElementChild;
      list.append(template.content);
      if (first instanceof HTMLElement) {
        first.setAttribute("tabindex", "-1");
        first.focus(); // the keyboard goes on where the new comments start
      }
      if (body.next) {
        const url = new URL(more.dataset.moreComments ?? "", window.location.href);
        url.searchParams.set("after", body.next);
        more.dataset.moreComments = url.pathname + url.search;
      } else {
        more.closest(".comment-more")?.remove();
      }
      announce(`댓글 ${body.ids.length}개를 더 불러왔습니다.`);
    } catch {
      announce(OFFLINE);
    } finally {
      setBusy(more, false);
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
      if (isBusy(button)) return;
      setBusy(button, true);
      try {
        const { res, body } = await postJson(form);
        if (status) status.textContent = res.ok ? body.message : errorText(body);
        if (res.ok) for (const control of form.querySelectorAll("input, textarea")) control.setAttribute("disabled", "");
        if (res.ok && button instanceof HTMLButtonElement) button.hidden = true;
      } catch {
        if (status) status.textContent = OFFLINE;
      } finally {
        setBusy(button, false);
      }
    });
    return link;
  });
}

/**
 * The live counter of one field. The count itself is not announced (a screen reader would
 * read it at every keystroke); crossing into the last tenth, going over and coming back are.
 * Over the limit, a note under the field says why the form will not send, and submitting
 * moves the focus there instead of sending.
 * @param {HTMLTextAreaElement | HTMLInputElement} field
 * @param {Element | null} output
 * @param {HTMLFormElement} form
 */
function counter(field, output, form) {
  const max = Number(field.dataset.maxGraphemes);
  const note = document.createElement("p");
  note.className = "counter-note";
  note.id = `${field.id || field.name}-over`;
  note.hidden = true;
  output?.insertAdjacentElement("afterend", note);
  /** @type {"ok" | "near" | "over"} */
  let state = "ok";
  const update = () => {
    const n = countGraphemes(field.value);
    if (output) output.textContent = `${n} / ${max}`;
    output?.classList.toggle("counter--over", n > max);
    const next = n > max ? "over" : n >= max * 0.9 ? "near" : "ok";
    note.hidden = next !== "over";
    // Marked invalid by a refused press (below): unmarked once the text fits again.
    if (next !== "over" && field.dataset.overLimit) {
      field.removeAttribute("aria-invalid");
      delete field.dataset.overLimit;
    }
    if (next === "over") note.textContent = `${max}자를 ${n - max}자 넘었습니다. 줄여야 등록할 수 있습니다.`;
    if (next !== state) {
      if (next === "over") announce(note.textContent);
      else if (next === "near") announce(`${max - n}자 남았습니다.`);
      else if (state === "over") announce("다시 등록할 수 있습니다.");
      state = next;
    }
  };
  field.addEventListener("input", update);
  form.addEventListener("submit", (event) => {
    if (countGraphemes(field.value) <= max) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    field.setAttribute("aria-invalid", "true");
    field.dataset.overLimit = "1";
    note.hidden = false;
    field.focus();
  });
  update();
}

/** One polite live region for the page's short announcements (counters, in-place results). */
function announce(/** @type {string} */ message) {
  let region = document.getElementById("announcer");
  if (!region) {
    region = document.createElement("div");
    region.id = "announcer";
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    document.body.append(region);
  }
  region.textContent = message;
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
    counter(textarea, form.querySelector("[data-counter]"), form);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (isBusy(submit)) return;
      setBusy(submit, true);
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
        if (!document.getElementById(`comment-${body.comment.id}`)) replies?.insertAdjacentHTML("beforeend", body.html);
        close();
        landed(body);
      } catch {
        showError(OFFLINE);
      } finally {
        setBusy(submit, false);
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

/** 삭제 asks first: a dialog with the same form the confirmation page has. */
function setUpConfirmations() {
  const template = document.getElementById("confirm-template");
  if (!(template instanceof HTMLTemplateElement)) return;
  for (const link of document.querySelectorAll("a[data-confirm]")) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const dialog = /** @type {HTMLDialogElement} */ (/** @type {DocumentFragment} */ (template.content.cloneNode(true)).firstElementChild);
      const message = dialog.querySelector("[data-confirm-message]");
      if (message) message.textContent = link.dataset.confirm ?? "";
      const form = dialog.querySelector("form");
      if (form) form.action = link.href;
      dialog.querySelector("[data-confirm-cancel]")?.addEventListener("click", () => dialog.close());
      dialog.addEventListener("close", () => {
        dialog.remove();
        link.focus();
      });
      document.body.append(dialog);
      dialog.showModal(); // focus goes to 취소, the harmless choice
    });
  }
}

/** Leaving a page with a half-written post or comment asks first (the browser's own prompt). */
function setUpUnsavedWarning() {
  const forms = [...document.querySelectorAll("form[data-warn-unsaved]")];
  if (forms.length === 0) return;
  /** @type {Map<Element, string>} */
  const initial = new Map();
  for (const form of forms) for (const field of form.querySelectorAll("textarea, input[type=text]")) initial.set(field, /** @type {HTMLInputElement} */ (field).value);
  let sending = false;
  for (const form of forms) form.addEventListener("submit", (event) => { if (!event.defaultPrevented) sending = true; });
  window.addEventListener("beforeunload", (event) => {
    if (sending || leaving) return;
    for (const [field, value] of initial) {
      const now = /** @type {HTMLInputElement} */ (field).value;
      // An in-place comment empties its box after sending: empty is never unsaved.
      if (now !== value && now.trim() !== "") {
        event.preventDefault();
        return;
      }
    }
  });
}

/** 비밀번호 보기: shows what was typed, on request. */
function setUpPasswordToggles() {
  for (const button of document.querySelectorAll("button[data-password-toggle]")) {
    if (!(button instanceof HTMLButtonElement)) continue;
    const input = document.getElementById(button.dataset.passwordToggle ?? "");
    if (!(input instanceof HTMLInputElement)) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const show = input.type === "password";
      input.type = show ? "text" : "password";
      button.textContent = show ? "숨기기" : "보기";
      button.setAttribute("aria-label", show ? "비밀번호 숨기기" : "비밀번호 보기");
      button.setAttribute("aria-pressed", String(show));
    });
  }
}

/** The header's menu (a <details>) closes with Esc and when the focus or a click leaves it. */
function setUpUserMenu() {
  const menu = document.querySelector("details.user-menu");
  if (!(menu instanceof HTMLDetailsElement)) return;
  const summary = menu.querySelector("summary");
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    summary?.focus();
  });
  document.addEventListener("click", (event) => {
    if (menu.open && event.target instanceof Node && !menu.contains(event.target)) menu.open = false;
  });
  menu.addEventListener("focusout", (event) => {
    if (event.relatedTarget instanceof Node && !menu.contains(event.relatedTarget)) menu.open = false;
  });
}

/**
 * A fresh sign-in or sign-up form puts the caret in its first field where there is a real
 * keyboard; on a phone that would pop the keyboard over the page at once.
 */
function setUpFirstFieldFocus() {
  const form = document.querySelector("form[data-focus-first]");
  if (!form || !window.matchMedia("(hover: hover) and (pointer: fine)").matches) return;
  const first = form.querySelector("input:not([type=hidden]):not([type=checkbox])");
  if (first instanceof HTMLInputElement && !first.value) first.focus();
}

/** A page-changing form shows it is on its way, and a second press does not send it twice. */
function setUpBusyForms() {
  document.addEventListener("submit", (event) => {
    if (event.defaultPrevented || !(event.target instanceof HTMLFormElement) || event.target.method.toLowerCase() !== "post") return;
    const submitter = /** @type {SubmitEvent} */ (event).submitter ?? event.target.querySelector('button[type="submit"]');
    if (isBusy(submitter)) return event.preventDefault();
    setBusy(submitter, true);
  });
  // Back to a page from the browser's cache: nothing is on its way any more.
  window.addEventListener("pageshow", () => document.querySelectorAll('[aria-busy="true"]').forEach((b) => setBusy(b, false)));
}

setUpCounters();
setUpVotes();
setUpOpinions();
setUpComments();
setUpCommentVotes();
setUpMoreComments();
setUpReports();
setUpReplies();
setUpNotifications();
setUpConfirmations();
setUpUnsavedWarning();
setUpPasswordToggles();
setUpBusyForms();
setUpUserMenu();
setUpFirstFieldFocus();
setUpStockSearch();
setUpLive();
