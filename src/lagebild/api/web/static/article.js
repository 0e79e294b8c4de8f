// Article page: pointing at an event card outlines its evidence sentence; arriving by a link to
// an event (#event-ID, as the event table links) highlights its card and scrolls its sentence
// into view.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  function sentenceOf(card) { return document.getElementById(card.dataset.sentence); }

  document.querySelectorAll(".event-card").forEach(function (card) {
    var mark = sentenceOf(card);
    if (!mark) return;
    card.addEventListener("mouseenter", function () { mark.classList.add("active"); });
    card.addEventListener("mouseleave", function () {
      if (!card.classList.contains("targeted")) mark.classList.remove("active");
    });
  });

  function showTarget() {
    document.querySelectorAll(".event-card.targeted").forEach(function (card) {
      card.classList.remove("targeted");
      var old = sentenceOf(card);
      if (old) old.classList.remove("active");
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("event-") !== 0) return;
    var card = document.getElementById(id);
    if (!card) return;
    card.classList.add("targeted");
    card.scrollIntoView({ block: "nearest" });
    var mark = sentenceOf(card);
    if (mark) {
      mark.classList.add("active");
      mark.scrollIntoView({ block: "center" });
    }
    document.body.dataset.targeted = id;
  }

  window.addEventListener("hashchange", showTarget);
  showTarget();
  // The browser scrolls to the card named in the address once the page has loaded: show the
  // sentence again after that.
  window.addEventListener("load", function () {
    window.setTimeout(function () { showTarget(); document.body.dataset.shown = "true"; }, 0);
  });
});
