// disc-05.md: skipped steps in an equation chain. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-05.md",
  style: "skipped steps in an equation chain",
  unknown: [1e-09, 0.999999999],
  lines: {
    "3": (I, u) => -I.pd(I.x) / u + I.pt(I.x) / (1 - u),
    "5": (I, u) => u - I.pd(I.x) / (I.pd(I.x) + I.pt(I.x)),
    "7": (I, u) => 1 - u - I.pt(I.x) / (I.pd(I.x) + I.pt(I.x)),
  },
  steps: [["3", "5", "implies"], ["5", "7", "implies"]],
  labels: {"5": "ok", "7": "ok"},
};
