// The header menu is a <details> that folds on phones and works without this
// script. On a wide screen the menu has room to stay open: this keeps it open
// there (browsers that style ::details-content already show it), and closes
// the news-by-year list on Escape or a click elsewhere, as a menu does.
const wide = window.matchMedia("(min-width: 48rem)");
const menu = document.querySelector("[data-site-menu]");
const archive = document.querySelector("[data-archive-menu]");

function fitMenuToScreen() {
    if (menu) menu.open = wide.matches;
}
fitMenuToScreen();
wide.addEventListener("change", fitMenuToScreen);

if (archive) {
    document.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && archive.open) {
            archive.open = false;
            archive.querySelector("summary").focus();
        }
    });
    document.addEventListener("click", (event) => {
        if (wide.matches && archive.open && !archive.contains(event.target)) archive.open = false;
    });
}
