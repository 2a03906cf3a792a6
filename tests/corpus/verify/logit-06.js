// logit-06.md: the logit written h_phi(x): a function value as the unknown. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "logit-06.md",
  style: "the logit written h_phi(x): a function value as the unknown",
  unknown: [-40, 40],
  lines: {
    "3": (I, u) => 1 / (1 + Math.exp(-u)) - I.pd(I.x) / (I.pd(I.x) + I.pt(I.x)),
    "5": (I, u) => Math.exp(-u) - I.pt(I.x) / I.pd(I.x),
    "7": (I, u) => u - Math.log(I.pd(I.x) / I.pt(I.x)),
  },
  steps: [["3", "5", "iff"], ["5", "7", "iff"]],
  labels: {"5": "ok", "7": "ok"},
};
