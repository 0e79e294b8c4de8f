// Article page: pointing at an event card outlines its evidence sentence.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".event-card").forEach(function (card) {
    var mark = document.getElementById(card.dataset.sentence);
    if (!mark) return;
    card.addEventListener("mouseenter", function () { mark.classList.add("active"); });
    card.addEventListener("mouseleave", function () { mark.classList.remove("active"); });
  });
});
