// logit-04.tex: LaTeX align*-free, the logit as an identity chain. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "logit-04.tex",
  style: "LaTeX align*-free, the logit as an identity chain",
  lines: {
    "6L": (I) => -Math.log(I.pt(I.x) / I.pd(I.x)),
    "6": (I) => -Math.log(I.pt(I.x) / I.pd(I.x)),
    "7": (I) => Math.log(I.pd(I.x) / I.pt(I.x)),
    "8": (I) => Math.log(I.pd(I.x)) - Math.log(I.pt(I.x)),
  },
  steps: [["6L", "6", "="], ["6", "7", "="], ["7", "8", "="]],
  labels: {"6": "ok", "7": "ok", "8": "ok"},
};
