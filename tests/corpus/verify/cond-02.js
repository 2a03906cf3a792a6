// cond-02.md: prose: the marginal term dropped without saying why. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "cond-02.md",
  style: "prose: the marginal term dropped without saying why",
  lines: {
    "3L": (I) => Math.log(I.pdxy(I.x, I.y) * I.pdy(I.y) / (I.ptxy(I.x, I.y) * I.pty(I.y))),
    "3": (I) => Math.log(I.pdxy(I.x, I.y) * I.pdy(I.y) / (I.ptxy(I.x, I.y) * I.pty(I.y))),
    "5": (I) => Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)) + Math.log(I.pdy(I.y) / I.pty(I.y)),
    "7": (I) => Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)),
    "9": (I) => Math.log(I.pdxy(I.x, I.y) / I.ptxy(I.x, I.y)),
    "11": (I) => -0.5 * (I.phi(I.x) - I.muY(I.y)) ** 2 + 0.5 * (I.phi(I.x) - I.muhatY(I.y)) ** 2,
    "13": (I) => I.phi(I.x) * (I.muY(I.y) - I.muhatY(I.y)) - 0.5 * (I.muY(I.y) ** 2 - I.muhatY(I.y) ** 2),
  },
  steps: [["3L", "3", "="], ["3", "5", "="], ["5", "7", "="], ["7", "9", "="], ["9", "11", "="], ["11", "13", "="]],
  labels: {"3": "ok", "5": "ok", "7": "wrong", "9": "ok", "11": "ok", "13": "ok"},
};
