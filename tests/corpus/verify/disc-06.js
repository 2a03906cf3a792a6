// disc-06.md: unusual forms of D*, a ratio upside down. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-06.md",
  style: "unusual forms of D*, a ratio upside down",
  lines: {
    "3L": (I) => I.Dstar(I.x),
    "3": (I) => I.Dstar(I.x),
    "5": (I) => 1 / (1 + I.pt(I.x) / I.pd(I.x)),
    "7": (I) => 1 / (1 + I.pd(I.x) / I.pt(I.x)),
  },
  steps: [["3L", "3", "="], ["3", "5", "="], ["5", "7", "="]],
  labels: {"3": "ok", "5": "ok", "7": "wrong"},
};
