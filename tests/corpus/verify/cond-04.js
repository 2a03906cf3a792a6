// cond-04.tex: LaTeX, checked with --derivation, marginals stated. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "cond-04.tex",
  derivation: "conditional-gaussian-logit",
  style: "LaTeX, checked with --derivation, marginals stated",
  over: { equalMarginals: true },
  lines: {
    "6L": (I) => Math.log(I.pdxy(I.x, I.y) * I.pdy(I.y) / (I.ptxy(I.x, I.y) * I.pty(I.y))),
    "6": (I) => Math.log(I.pdxy(I.x, I.y) * I.pdy(I.y) / (I.ptxy(I.x, I.y) * I.pty(I.y))),
    "7": (I) => Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)) + Math.log(I.pdy(I.y) / I.pty(I.y)),
    "8": (I) => Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)),
    "9": (I) => Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)),
    "10": (I) => -0.5 * (I.phi(I.x) - I.muY(I.y)) ** 2 + 0.5 * (I.phi(I.x) - I.muhatY(I.y)) ** 2,
    "11": (I) => I.phi(I.x) * (I.muY(I.y) - I.muhatY(I.y)) - 0.5 * (I.muY(I.y) ** 2 - I.muhatY(I.y) ** 2),
  },
  steps: [["6L", "6", "="], ["6", "7", "="], ["7", "8", "="], ["8", "9", "="], ["9", "10", "="], ["10", "11", "="]],
  labels: {"6": "ok", "7": "ok", "8": "ok", "9": "ok", "10": "ok", "11": "ok"},
};
