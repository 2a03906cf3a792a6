// logit-01.md: terse equation chain in h. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "logit-01.md",
  style: "terse equation chain in h",
  unknown: [-40, 40],
  lines: {
    "3": (I, u) => 1 / (1 + Math.exp(-u)) - I.pd(I.x) / (I.pt(I.x) + I.pd(I.x)),
    "5": (I, u) => 1 + Math.exp(-u) - (I.pt(I.x) + I.pd(I.x)) / I.pd(I.x),
    "7": (I, u) => Math.exp(-u) - I.pt(I.x) / I.pd(I.x),
    "9": (I, u) => u - Math.log(I.pd(I.x) / I.pt(I.x)),
  },
  steps: [["3", "5", "iff"], ["5", "7", "iff"], ["7", "9", "iff"]],
  labels: {"5": "ok", "7": "ok", "9": "ok"},
};
