// Copy buttons for the Donate page's transfer details. Without this script the
// buttons stay hidden and the details are plain text to select and copy.
document.querySelectorAll(".copy-button[data-copy]").forEach((button) => {
    if (!navigator.clipboard) return;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", async () => {
        const text = document.getElementById(button.dataset.copy).textContent;
        await navigator.clipboard.writeText(text);
        button.textContent = button.dataset.copied;
        setTimeout(() => { button.textContent = label; }, 2000);
    });
});
