// logit-07.tex: LaTeX align* equation chain with \Leftrightarrow. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "logit-07.tex",
  style: "LaTeX align* equation chain with \\Leftrightarrow",
  unknown: [-40, 40],
  lines: {
    "6": (I, u) => 1 / (1 + Math.exp(-u)) - I.pd(I.x) / (I.pt(I.x) + I.pd(I.x)),
    "7": (I, u) => Math.exp(-u) - I.pt(I.x) / I.pd(I.x),
    "8": (I, u) => -u - Math.log(I.pt(I.x) / I.pd(I.x)),
  },
  steps: [["6", "7", "iff"], ["7", "8", "iff"]],
  labels: {"7": "ok", "8": "ok"},
};
