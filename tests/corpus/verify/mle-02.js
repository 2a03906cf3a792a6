// mle-02.md: chatty prose between displays. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-02.md",
  style: "chatty prose between displays",
  lines: {
    "3L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "3": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "7": (I) => -I.Ed(x => Math.log(I.pt(x) / I.pd(x))),
    "11": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
  },
  steps: [["3L", "3", "="], ["3", "7", "="], ["7", "11", "="]],
  labels: {"3": "ok", "7": "wrong", "11": "ok"},
};
