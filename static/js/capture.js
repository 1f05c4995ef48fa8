// Capture page: upload each chosen photo at once, then poll until every card is read.
// Works without this script too (the form posts normally); this only makes it live.
(function () {
  "use strict";
  // Review page: tap the card photo to see it full screen; the dialog allows pinch zoom.
  const zoomLink = document.querySelector("[data-zoom]");
  const dialog = document.getElementById("zoom-dialog");
  if (zoomLink && dialog && typeof dialog.showModal === "function") {
    zoomLink.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.querySelector("img").src = zoomLink.href;
      dialog.showModal();
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
  }

  const form = document.getElementById("upload-form");
  if (!form) return;
  const list = document.getElementById("uploads");
  const statusUrl = form.dataset.statusUrl;
  const reviewUrl = form.dataset.reviewUrl; // ends in /0: the card id replaces it
  const maxBytes = parseInt(form.dataset.maxBytes, 10);
  const labels = JSON.parse(document.getElementById("status-labels").innerHTML);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const watching = new Map(); // card id -> list item
  let timer = null;

  function row(name) {
    const li = document.createElement("li");
    li.className = "upload status-sending";
    const title = document.createElement("strong");
    title.textContent = name;
    const state = document.createElement("span");
    state.className = "badge";
    state.textContent = "…";
    li.append(title, state);
    list.prepend(li);
    return li;
  }

  function show(li, card) {
    li.className = (li.dataset.base || "upload") + " status-" + card.status;
    const badge = li.querySelector(".badge");
    badge.textContent = labels[card.status] || card.status;
    li.querySelectorAll(".error, a").forEach((el) => el.remove());
    if (card.status === "read") {
      const a = document.createElement("a");
      a.className = "button primary";
      a.href = reviewUrl.replace(/\/0$/, "/" + card.id);
      a.textContent = (card.name || "") + " → " + (labels.read || "Review");
      li.append(a);
    }
    if (card.error) {
      const err = document.createElement("span");
      err.className = "error";
      err.textContent = card.error;
      li.append(err);
    }
  }

  async function poll() {
    timer = null;
    const ids = [...watching.keys()];
    if (!ids.length) return;
    try {
      const res = await fetch(statusUrl + "?ids=" + ids.join(","), { headers: { Accept: "application/json" } });
      if (res.ok) {
        const body = await res.json();
        for (const card of body.cards) {
          const li = watching.get(card.id);
          if (!li) continue;
          show(li, card);
          if (card.status !== "queued" && card.status !== "running") watching.delete(card.id);
        }
      }
    } catch (e) {
      // Network hiccup on a phone: keep polling, the cards are safe on the server.
    }
    if (watching.size) timer = setTimeout(poll, 1500);
  }

  async function send(file) {
    const li = row(file.name || "photo");
    if (file.size > maxBytes) {
      show(li, { status: "failed", error: form.dataset.tooLarge });
      return;
    }
    const data = new FormData();
    data.append("csrf_token", csrf);
    data.append("image", file, file.name || "photo.jpg");
    try {
      const res = await fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json", "X-CSRFToken": csrf },
      });
      const body = await res.json();
      const item = body.files ? body.files[0] : null;
      if (item && item.card_id) {
        show(li, { id: item.card_id, status: "queued" });
        watching.set(item.card_id, li);
        if (!timer) timer = setTimeout(poll, 800);
      } else {
        const message = item ? item.error : body.error ? body.error.message : res.statusText;
        show(li, { status: "failed", error: message });
      }
    } catch (e) {
      show(li, { status: "failed", error: String(e) });
    }
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.files || !input.files.length) return;
    // One request per photo: a slow or failed one never holds the others back.
    for (const file of input.files) send(file);
    input.value = "";
  });

  // Cards already in the queue on page load keep updating too.
  document.querySelectorAll("#card-queue [data-card-id]").forEach((li) => {
    const status = li.dataset.status;
    if (status === "queued" || status === "running") {
      watching.set(parseInt(li.dataset.cardId, 10), li);
    }
  });
  if (watching.size) timer = setTimeout(poll, 1500);
})();
