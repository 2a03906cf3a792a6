// disc-08.md: equations one under another, no connectives written. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-08.md",
  style: "equations one under another, no connectives written",
  unknown: [1e-09, 0.999999999],
  lines: {
    "3": (I, u) => I.pd(I.x) / u - I.pt(I.x) / (1 - u),
    "5": (I, u) => I.pd(I.x) * (1 - u) - I.pt(I.x) * u,
    "7": (I, u) => u - I.pd(I.x) / (I.pd(I.x) + I.pt(I.x)),
  },
  steps: [["3", "5", "implies"], ["5", "7", "implies"]],
  labels: {"5": "ok", "7": "ok"},
};
