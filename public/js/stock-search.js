// @ts-check
// The 종목 search box as an ARIA 1.2 combobox (list autocomplete, manual selection):
// suggestions from /boards/suggest as one types; ↓ goes to the first of them and ↓/↑ move on
// (aria-activedescendant keeps the focus in the box), Enter opens the chosen board, Escape
// closes the list. With none chosen, Enter submits the form to the results page, as it does
// without JavaScript (a single match or an exact name or code opens the board there); so does
// the 찾기 button.

const DEBOUNCE_MS = 60;

/**
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 * @param {HTMLElement} list
 */
function combobox(form, input, list) {
  const suggestUrl = form.dataset.suggestUrl ?? "/boards/suggest";
  /** @type {{ code: string, name: string, market: string, delisted: boolean, alerts?: string[] }[]} */
  let boards = [];
  let active = -1;
  let timer = 0;
  let asked = "";
  /** @type {Map<string, typeof boards>} */
  const seen = new Map();

  const optionId = (/** @type {number} */ i) => `${list.id}-${i}`;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  /** @param {number} index */
  function highlight(index) {
    active = index;
    for (const [i, option] of [...list.children].entries()) option.setAttribute("aria-selected", String(i === index));
    if (index < 0) input.removeAttribute("aria-activedescendant");
    else {
      input.setAttribute("aria-activedescendant", optionId(index));
      list.children[index]?.scrollIntoView({ block: "nearest" });
    }
  }

  function show() {
    list.replaceChildren(
      ...boards.map((b, i) => {
        const li = document.createElement("li");
        li.id = optionId(i);
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.code = b.code;
        const name = document.createElement("span");
        name.className = "stock-search__name";
        name.textContent = b.name;
        const code = document.createElement("span");
        code.className = "stock-search__code";
        code.textContent = ` ${b.code} ${b.market}${b.delisted ? " 상장폐지" : ""}`;
        li.append(name, code);
        // 시장경보 and trading status, as the board lists show them.
        for (const label of b.alerts ?? []) {
          const badge = document.createElement("span");
          badge.className = "badge badge--alert";
          badge.textContent = label;
          li.append(" ", badge);
        }
        return li;
      }),
    );
    if (boards.length === 0) return close();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1); // nothing chosen until ↓: the first ↓ chooses the first
  }

  async function suggest() {
    const q = input.value.trim();
    if (q === "") {
      boards = [];
      return close();
    }
    asked = q;
    let found = seen.get(q);
    if (!found) {
      try {
        const res = await fetch(`${suggestUrl}?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
        if (!res.ok) return close();
        found = /** @type {{ boards: typeof boards }} */ (await res.json()).boards;
        seen.set(q, found);
      } catch {
        return close(); // offline: the form still submits to the results page
      }
    }
    if (asked !== q || input.value.trim() !== q) return; // an older answer: a newer one is coming
    boards = found;
    show();
  }

  /** @param {number} index */
  function open(index) {
    const board = boards[index];
    if (board) window.location.assign(`/boards/${board.code}`);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(suggest, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return; // the IME is still composing a syllable
    const expanded = !list.hidden && boards.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!expanded) return void suggest().then(() => boards.length > 0 && highlight(0));
      highlight(active + 1 >= boards.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp" && expanded) {
      event.preventDefault();
      highlight(active <= 0 ? boards.length - 1 : active - 1);
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault();
      open(active);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      close();
    }
  });
  // A click (mousedown, before the box loses focus) opens the board.
  list.addEventListener("mousedown", (event) => {
    const option = event.target instanceof HTMLElement ? event.target.closest('[role="option"]') : null;
    if (!option) return;
    event.preventDefault();
    open([...list.children].indexOf(option));
  });
  input.addEventListener("blur", () => close());
}

export function setUpStockSearch() {
  for (const form of document.querySelectorAll("form[data-stock-search]")) {
    const input = form.querySelector('[role="combobox"]');
    const list = form.querySelector('[role="listbox"]');
    if (form instanceof HTMLFormElement && input instanceof HTMLInputElement && list instanceof HTMLElement) combobox(form, input, list);
  }
}
