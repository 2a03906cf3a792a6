// cond-06.md: vector norms written in one dimension, a wrong sign on the square. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "cond-06.md",
  style: "vector norms written in one dimension, a wrong sign on the square",
  over: { equalMarginals: true },
  lines: {
    "3L": (I) => Math.log(I.pdxy(I.x, I.y) * I.pdy(I.y) / (I.ptxy(I.x, I.y) * I.pty(I.y))),
    "3": (I) => -0.5 * (I.phi(I.x) - I.muY(I.y)) ** 2 + 0.5 * (I.phi(I.x) - I.muhatY(I.y)) ** 2,
    "5": (I) => I.phi(I.x) * (I.muY(I.y) - I.muhatY(I.y)) + 0.5 * (I.muY(I.y) ** 2 - I.muhatY(I.y) ** 2),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "wrong"},
};
