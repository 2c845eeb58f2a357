// @ts-check
// The live board (docs/decisions/0038): the newest list page shows a "새 글 N개 — 보기" bar as
// posts arrive (the list itself is not reshuffled under the reader) and updates or strikes out
// the rows it shows; a post page appends new comments and replies where its list shows its
// newest end, updates 추천/반대, 글 내리기 N/4 and the comment count, and says so when the post is
// blinded or hidden. The header's 알림 count follows too. A tab hidden for five minutes closes
// its stream and reopens it, from where it left off, when shown again. Without this script
// nothing changes: the pages are the same, and a reload shows everything.

const HIDDEN_CLOSE_MS = 5 * 60_000;
const REFUSED_RETRY_MS = 30_000; // a refused stream (503, or a lost server) tries again after this, and a little

const UNSEEN = {
  deleted: "삭제된 게시글입니다.",
  blinded: "운영배심원 의견에 따라 블라인드 처리된 글입니다.",
  hidden: "운영정책에 따라 숨김 처리된 글입니다.",
  held: "클린봇이 보류해 운영자가 확인 중인 글입니다.",
};

/**
 * A stream that survives hidden tabs and refusals: `handlers` get each event's parsed data.
 * @param {string} url the stream's URL, without the resume point
 * @param {Record<string, (data: any) => void>} handlers
 * @param {() => string} [firstQuery] the first connection's query (where its page left off)
 */
function follow(url, handlers, firstQuery = () => "") {
  /** @type {EventSource | null} */
  let source = null;
  let last = ""; // the last event id: where a reopened stream resumes
  let hiddenTimer = 0;
  let retryTimer = 0;
  let ended = false;

  const open = () => {
    if (source || ended) return;
    const query = last ? `after=${encodeURIComponent(last)}` : firstQuery();
    source = new EventSource(query ? `${url}?${query}` : url);
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        const message = /** @type {MessageEvent} */ (event);
        if (message.lastEventId) last = message.lastEventId;
        try {
          handle(JSON.parse(message.data));
        } catch {
          // A malformed event changes nothing on the page.
        }
      });
    }
    source.addEventListener("error", () => {
      // EventSource reconnects by itself after a dropped connection; after a refusal (503, 404)
      // it gives up, and so this waits and opens a new one.
      if (source && source.readyState === EventSource.CLOSED) {
        close();
        retryTimer = window.setTimeout(open, REFUSED_RETRY_MS + Math.random() * REFUSED_RETRY_MS);
      }
    });
  };
  const close = () => {
    source?.close();
    source = null;
  };
  document.addEventListener("visibilitychange", () => {
    window.clearTimeout(hiddenTimer);
    if (document.visibilityState === "hidden") {
      hiddenTimer = window.setTimeout(close, HIDDEN_CLOSE_MS);
    } else {
      window.clearTimeout(retryTimer);
      open();
    }
  });
  window.addEventListener("pagehide", close);
  open();
  return {
    end() {
      ended = true;
      close();
    },
  };
}

/**
 * A list row's [댓글] count, as the server renders it (none at 0).
 * @param {Element | null} row @param {number} n
 */
export function showCommentCount(row, n) {
  const line = row?.querySelector(".title-line");
  if (!line || line.querySelector(".muted")) return; // a deleted, blinded or hidden row shows none
  let count = line.querySelector(".comment-count");
  if (!count && n > 0) {
    count = document.createElement("span");
    count.className = "comment-count";
    line.append(" ", count);
  }
  if (!count) return;
  count.textContent = `[${n}]`;
  count.setAttribute("aria-label", `댓글 ${n}개`);
}

/** The header's 알림 count, as the server renders it. @param {number} unread */
function showUnread(unread) {
  const link = document.querySelector("[data-unread-link]");
  if (!link) return;
  let count = link.querySelector("[data-unread-count]");
  if (unread === 0) {
    count?.nextElementSibling?.remove();
    count?.remove();
    return;
  }
  if (!count) {
    count = document.createElement("span");
    count.className = "count";
    count.setAttribute("data-unread-count", "");
    const said = document.createElement("span");
    said.className = "visually-hidden";
    said.textContent = "개 읽지 않음";
    link.append(" ", count, said);
  }
  count.textContent = String(unread);
}

/**
 * A bar above `before` that counts what arrived and links to where it is.
 * @param {Element} before @param {string} href @param {string} noun
 */
function arrivalBar(before, href, noun) {
  const bar = document.createElement("p");
  bar.className = "live-bar";
  bar.setAttribute("role", "status");
  bar.hidden = true;
  const link = document.createElement("a");
  link.href = href;
  bar.append(link);
  before.before(bar);
  return {
    /** @param {number} n @param {boolean} more */
    show(n, more) {
      if (n === 0) return;
      link.textContent = `새 ${noun} ${n}개${more ? " 이상" : ""} — 보기`;
      bar.hidden = false;
    },
  };
}

/** The newest list page: the bar, and its rows' counts and states. @param {HTMLElement} table */
function followList(table) {
  const after = Number(table.dataset.liveAfter ?? "0");
  const rows = () => [...table.querySelectorAll("tr[data-post]")];
  const shown = rows().map((row) => row.getAttribute("data-post")).join(",");
  const arrived = new Set();
  let more = false;
  const bar = arrivalBar(table, window.location.pathname, "글");
  follow(table.dataset.live ?? "", {
    posts(data) {
      for (const n of data.numbers) if (n > after && !table.querySelector(`tr[data-post="${n}"]`)) arrived.add(n);
      more ||= data.more;
      bar.show(arrived.size, more);
    },
    rows(data) {
      for (const r of data.rows) {
        const row = table.querySelector(`tr[data-post="${r.number}"]`);
        if (!row) continue;
        const cells = row.querySelectorAll("td.num");
        if (r.unseen) {
          // As a reload would show it: the title replaced, the numbers gone.
          const line = row.querySelector(".title-line");
          if (line) {
            const said = document.createElement("span");
            said.className = "muted";
            said.textContent = UNSEEN[/** @type {keyof typeof UNSEEN} */ (r.unseen)] ?? UNSEEN.hidden;
            line.replaceChildren(said);
          }
          for (const cell of cells) cell.textContent = "-";
          continue;
        }
        const up = row.querySelector('[data-count-of="up"]');
        const down = row.querySelector('[data-count-of="down"]');
        if (up) up.textContent = String(r.up);
        if (down) down.textContent = String(r.down);
        showCommentCount(row, r.comments);
      }
    },
    notifications(data) {
      showUnread(data.unread);
    },
  }, () => `after=${after}${shown ? `&shown=${shown}` : ""}`);
}

/** A post page: comments arriving, the counts, and a blinding or hiding said. @param {HTMLElement} list */
function followPost(list) {
  const append = list.dataset.liveAppend;
  const bar = arrivalBar(list, list.dataset.liveNewest ?? window.location.pathname, "댓글");
  let elsewhere = 0;
  const stream = follow(list.dataset.live ?? "", {
    comment(data) {
      if (document.getElementById(`comment-${data.id}`)) return; // the reader's own, or already here
      const parent = data.parentId === null ? null : document.getElementById(`comment-${data.parentId}`);
      if (parent) {
        let replies = document.getElementById(`replies-${data.parentId}`);
        if (!replies) {
          replies = document.createElement("ol");
          replies.className = "replies";
          replies.id = `replies-${data.parentId}`;
          replies.setAttribute("aria-label", "답글");
          parent.append(replies);
        }
        replies.insertAdjacentHTML("beforeend", data.html);
      } else if (data.parentId === null && append === "end") {
        list.insertAdjacentHTML("beforeend", data.html);
      } else if (data.parentId === null && append === "start") {
        list.insertAdjacentHTML("afterbegin", data.html);
      } else {
        bar.show(++elsewhere, false);
        return;
      }
      document.querySelector(".comment-list__empty")?.remove();
    },
    post(data) {
      if (data.unseen) {
        stream.end();
        const notice = document.createElement("p");
        notice.className = "post__notice live-notice";
        notice.setAttribute("role", "status");
        notice.append(data.unseen === "blinded" ? "이 글은 방금 운영배심원 의견에 따라 블라인드 처리되었습니다. " : `${UNSEEN[/** @type {keyof typeof UNSEEN} */ (data.unseen)] ?? UNSEEN.hidden} `);
        const reload = document.createElement("a");
        reload.href = window.location.pathname;
        reload.textContent = "새로고침";
        notice.append(reload);
        document.querySelector(".post")?.prepend(notice);
        return;
      }
      const set = (/** @type {string} */ selector, /** @type {number | string} */ value) => {
        const el = document.querySelector(selector);
        if (el) el.textContent = String(value);
      };
      set('#votes [data-count="up"]', data.up);
      set('#votes [data-count="down"]', data.down);
      set('[data-count="opinions"]', data.opinions);
      set("#comments-title .muted", `(${data.comments})`);
      set('tr.is-current [data-count-of="up"]', data.up);
      set('tr.is-current [data-count-of="down"]', data.down);
    },
    stale() {
      bar.show(++elsewhere, true);
    },
    notifications(data) {
      showUnread(data.unread);
    },
  }, () => `since=${list.dataset.liveSince ?? ""}`);
}

export function setUpLive() {
  if (typeof EventSource !== "function") return;
  const table = document.querySelector("table[data-live]");
  if (table instanceof HTMLElement) followList(table);
  const list = document.querySelector("ol[data-live]");
  if (list instanceof HTMLElement) followPost(list);
}
