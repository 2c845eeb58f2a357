// Re-exports the browser's counter so server and browser count the same way.
export { countGraphemes } from "../../public/js/graphemes.js";
