// logit-05.md: prose, a log of a quotient split wrongly. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "logit-05.md",
  style: "prose, a log of a quotient split wrongly",
  lines: {
    "3L": (I) => -Math.log(I.pt(I.x) / I.pd(I.x)),
    "3": (I) => Math.log(I.pd(I.x) / I.pt(I.x)),
    "7": (I) => Math.log(I.pd(I.x)) + Math.log(I.pt(I.x)),
  },
  steps: [["3L", "3", "="], ["3", "7", "="]],
  labels: {"3": "ok", "7": "wrong"},
};
