// disc-01.md: prose, then an equation chain. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-01.md",
  style: "prose, then an equation chain",
  unknown: [1e-09, 0.999999999],
  lines: {
    "3": (I, u) => -I.pd(I.x) / u + I.pt(I.x) / (1 - u),
    "5": (I, u) => I.pt(I.x) / (1 - u) - I.pd(I.x) / u,
    "7": (I, u) => u * I.pt(I.x) - (1 - u) * I.pd(I.x),
    "9": (I, u) => u - I.pd(I.x) / (I.pd(I.x) + I.pt(I.x)),
  },
  steps: [["3", "5", "iff"], ["5", "7", "iff"], ["7", "9", "iff"]],
  labels: {"5": "ok", "7": "ok", "9": "ok"},
};
